package io.drover.core.engine;

import io.drover.core.job.JobConfig;
import io.drover.core.job.JobDocuments;
import io.drover.core.schedule.FireTimes;
import io.drover.core.store.JobRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored configuration of scheduled Jobs, parsed once per Job version instead of at every fire
 * (parsing and validating a document costs more than firing it), for the {@value #MAX_CACHED} Jobs
 * seen most recently.
 */
final class FireConfigs {
  static final int MAX_CACHED = 10_000;

  /** A Job's parsed configuration and its schedule's fire times ({@code null}: no schedule). */
  record Parsed(JobConfig config, FireTimes times) {}

  private record Key(String project, String jobId, long version) {}

  private final Map<Key, Parsed> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Parsed> eldest) {
          return size() > MAX_CACHED;
        }
      };

  /** Throws what the parser throws for an unreadable document (not cached: tried again). */
  synchronized Parsed of(JobRecord job) {
    Key key = new Key(job.project(), job.id(), job.version());
    Parsed parsed = cache.get(key);
    if (parsed == null) {
      JobConfig config = JobDocuments.fromStoredJson(job.configJson());
      parsed =
          new Parsed(config, config.schedule() == null ? null : FireTimes.of(config.schedule()));
      cache.put(key, parsed);
    }
    return parsed;
  }
}
