package io.drover.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.job.AuthSessionRef;
import io.drover.core.job.JobConfig;
import io.drover.core.job.JobDocuments;
import io.drover.core.store.RunRecord;
import io.drover.core.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each JobRun's configuration snapshot says about its attempts (trace mode) and about the
 * items its Runs add with extendPayload (their default limits), read once per JobRun and kept for
 * the {@value #MAX_CACHED} JobRuns seen most recently.
 */
final class JobRunOptions {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunOptions.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_CACHED = 10_000;

  /**
   * The options of one JobRun; standalone Runs get {@link #STANDALONE} (no limits: they cannot
   * extend a payload).
   */
  record Of(AttemptOptions attempt, Outcomes.JobRunLimits limits) {}

  static final Of STANDALONE = new Of(AttemptOptions.DEFAULT, null);

  private final Store store;
  private final SessionLeases sessions;
  private final Map<String, Of> cache;

  JobRunOptions(Store store, SessionLeases sessions) {
    this(store, sessions, MAX_CACHED);
  }

  JobRunOptions(Store store, SessionLeases sessions, int maxCached) {
    this.store = store;
    this.sessions = sessions;
    this.cache =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Of> eldest) {
            return size() > maxCached;
          }
        };
  }

  synchronized Of of(RunRecord run) {
    if (run.jobRunId() == null) {
      return cache.computeIfAbsent(run.id(), id -> standalone(run));
    }
    return cache.computeIfAbsent(run.jobRunId(), id -> read(run.project(), id));
  }

  /**
   * Remembers the options of a JobRun about to be created from this configuration, so its first
   * claim does not read and parse the snapshot back (a burst of new JobRuns, e.g. many schedules
   * firing at once, would otherwise do that once per JobRun on the claiming thread).
   */
  synchronized void remember(Store.NewJobRun run, JobConfig config) {
    cache.put(
        run.id(),
        new Of(
            AttemptOptions.of(config.configuration(), use(run.project(), config)),
            new Outcomes.JobRunLimits(run.maximumAttempts(), run.requestTimeout())));
  }

  /** A standalone Run's options: the defaults, and the AuthSession it was started with. */
  private Of standalone(RunRecord run) {
    return store
        .standaloneAuthSession(run.id())
        .map(
            json -> {
              try {
                JsonNode ref = JSON.readTree(json);
                AuthSessionRef session =
                    new AuthSessionRef(
                        ref.get("id").asText(),
                        ref.path("checkAttempts").asInt(AuthSessionRef.DEFAULT_CHECK_ATTEMPTS),
                        ref.path("createAttempts").asInt(AuthSessionRef.DEFAULT_CREATE_ATTEMPTS));
                return new Of(
                    new AttemptOptions(
                        AttemptOptions.DEFAULT.trace(),
                        new SessionUse(sessions, run.project(), session, true),
                        false),
                    null);
              } catch (Exception e) {
                LOG.warn(
                    "run {}: its authSession does not parse; it runs without one", run.id(), e);
                return STANDALONE;
              }
            })
        .orElse(STANDALONE);
  }

  /** How a standalone Run's AuthSession is stored. */
  static String sessionJson(AuthSessionRef session) {
    return JSON.createObjectNode()
        .put("id", session.id())
        .put("checkAttempts", session.checkAttempts())
        .put("createAttempts", session.createAttempts())
        .toString();
  }

  private SessionUse use(String project, JobConfig config) {
    return config.authSession() == null
        ? null
        : new SessionUse(sessions, project, config.authSession(), true);
  }

  synchronized int size() {
    return cache.size();
  }

  private Of read(String project, String jobRunId) {
    return store
        .findJobRun(project, jobRunId)
        .map(
            jobRun -> {
              Outcomes.JobRunLimits limits =
                  new Outcomes.JobRunLimits(jobRun.maximumAttempts(), jobRun.requestTimeout());
              try {
                JobConfig config = JobDocuments.fromStoredJson(jobRun.configJson());
                return new Of(
                    AttemptOptions.of(config.configuration(), use(project, config)), limits);
              } catch (RuntimeException e) {
                LOG.warn(
                    "JobRun {}: its configuration snapshot does not parse; using the default options",
                    jobRunId,
                    e);
                return new Of(AttemptOptions.DEFAULT, limits);
              }
            })
        .orElse(STANDALONE);
  }
}
