package io.drover.core.engine;

import io.drover.core.job.JobDocuments;
import io.drover.core.store.RunRecord;
import io.drover.core.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempt options of each JobRun, read once from its configuration snapshot and kept for the
 * JobRuns seen most recently.
 */
final class JobRunOptions {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunOptions.class);
  private static final int MAX_CACHED = 10_000;

  private final Store store;
  private final Map<String, AttemptOptions> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AttemptOptions> eldest) {
          return size() > MAX_CACHED;
        }
      };

  JobRunOptions(Store store) {
    this.store = store;
  }

  synchronized AttemptOptions of(RunRecord run) {
    if (run.jobRunId() == null) {
      return AttemptOptions.DEFAULT;
    }
    return cache.computeIfAbsent(run.jobRunId(), id -> read(run.project(), id));
  }

  private AttemptOptions read(String project, String jobRunId) {
    return store
        .findJobRun(project, jobRunId)
        .map(
            jobRun -> {
              try {
                return AttemptOptions.of(
                    JobDocuments.fromStoredJson(jobRun.configJson()).configuration());
              } catch (RuntimeException e) {
                LOG.warn(
                    "JobRun {}: its configuration snapshot does not parse; using the default options",
                    jobRunId,
                    e);
                return AttemptOptions.DEFAULT;
              }
            })
        .orElse(AttemptOptions.DEFAULT);
  }
}
