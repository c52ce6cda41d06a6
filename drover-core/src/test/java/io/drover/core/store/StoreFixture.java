package io.drover.core.store;

import io.drover.core.Ids;
import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.Store.NewJobRun;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for the contract tests: a settable time and short ways to make Jobs and outcomes. */
final class StoreFixture {
  static final String PROJECT = "demo";
  static final int MAX_ATTEMPTS = 3;
  static final int TIMEOUT = 600;

  private final Store store;
  Instant now = Instant.parse("2026-11-29T10:00:00Z");
  private final Ids ids = new Ids(() -> now);

  StoreFixture(Store store) {
    this.store = store;
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  JobRecord job(String id) {
    return new JobRecord(
        PROJECT, id, JobStatus.ACTIVE, "{\"id\":\"" + id + "\"}", null, 0, 0, now, now, null);
  }

  /** A Job with {@code items} items of api "list", parameters {"i": seq}. */
  JobRecord saveJob(String id, int items) {
    return store.saveJob(
        false,
        payload -> {
          for (int i = 1; i <= items; i++) {
            payload.add("list", "{\"i\":" + i + "}", null, null);
          }
          return job(id);
        });
  }

  /** A Job of one item whose schedule fires next at {@code nextFireAt}. */
  JobRecord saveScheduledJob(String id, Instant nextFireAt) {
    return saveScheduledJob(id, nextFireAt, 1);
  }

  JobRecord saveScheduledJob(String id, Instant nextFireAt, int items) {
    return store.saveJob(
        false,
        payload -> {
          for (int i = 1; i <= items; i++) {
            payload.add("list", "{\"i\":" + i + "}", null, null);
          }
          JobRecord job = job(id);
          return new JobRecord(
              PROJECT, id, job.status(), job.configJson(), null, 0, 0, now, now, nextFireAt);
        });
  }

  /** A fire of the Job as read, at its nextFireAt, starting a SCHEDULED JobRun. */
  ScheduledFire fire(JobRecord job, Instant nextFireAt) {
    return new ScheduledFire(
        job.project(),
        job.id(),
        job.version(),
        job.nextFireAt(),
        nextFireAt,
        job.nextFireAt(),
        newJobRun(job.id(), Trigger.SCHEDULED),
        null,
        now);
  }

  /** A fire of the Job as read that starts nothing and records the fires it missed. */
  ScheduledFire missed(JobRecord job, Instant nextFireAt, String reason) {
    return new ScheduledFire(
        job.project(),
        job.id(),
        job.version(),
        job.nextFireAt(),
        nextFireAt,
        job.nextFireAt(),
        null,
        reason,
        now);
  }

  NewJobRun newJobRun(String jobId, Trigger trigger) {
    return new NewJobRun(
        ids.next(),
        PROJECT,
        jobId,
        trigger,
        "{\"id\":\"" + jobId + "\"}",
        2,
        MAX_ATTEMPTS,
        TIMEOUT,
        now);
  }

  JobRecord stored(String jobId) {
    return store.findJob(PROJECT, jobId).orElseThrow();
  }

  /** A JobRun whose cap (10) is above every quota the tests claim with, unless they say. */
  JobRunRecord startJobRun(String jobId) {
    return startJobRun(jobId, 10);
  }

  JobRunRecord startJobRun(String jobId, int maximumConcurrentRequests) {
    return store.createJobRun(
        new NewJobRun(
            ids.next(),
            PROJECT,
            jobId,
            Trigger.MANUAL,
            "{\"id\":\"" + jobId + "\"}",
            maximumConcurrentRequests,
            MAX_ATTEMPTS,
            TIMEOUT,
            now));
  }

  String nextId() {
    return ids.next();
  }

  List<ClaimedAttempt> claim(String jobRunId, int quota) {
    return store.claim(Map.of(jobRunId, quota), now);
  }

  /** Claims as the node {@code nodeId}. */
  List<ClaimedAttempt> claim(String nodeId, String jobRunId, int quota) {
    return store.claim(nodeId, Map.of(jobRunId, quota), now);
  }

  /** Commits as the node {@code nodeId}. */
  boolean finish(String nodeId, AttemptOutcome outcome) {
    return store.finishAttempts(nodeId, List.of(outcome), now).get(0);
  }

  /** A node named {@code name} joining now; its id is new. */
  NewNode joinNode(String name) {
    NewNode node = new NewNode(ids.next(), name, "host-" + name, "http://" + name, "test", 4);
    store.nodes().joinNode(node, now);
    return node;
  }

  boolean finish(AttemptOutcome outcome) {
    return store.finishAttempts(List.of(outcome), now).get(0);
  }

  /** A quota for the standalone group only (a null key, which Map.of refuses). */
  static Map<String, Integer> standaloneQuota(int quota) {
    Map<String, Integer> quotas = new HashMap<>();
    quotas.put(null, quota);
    return quotas;
  }

  static AttemptOutcome succeeded(ClaimedAttempt claimed, String result, NewRun... extensions) {
    return new AttemptOutcome(
        claimed.run().id(),
        claimed.attempt(),
        AttemptStatus.SUCCEEDED,
        RunStatus.COMPLETED,
        null,
        result,
        null,
        List.of(extensions),
        RunKeys.of(claimed.run()));
  }

  static AttemptOutcome retry(ClaimedAttempt claimed, String error, Instant retryAt) {
    return new AttemptOutcome(
        claimed.run().id(),
        claimed.attempt(),
        AttemptStatus.FAILED,
        RunStatus.PENDING,
        retryAt,
        null,
        error,
        List.of(),
        RunKeys.of(claimed.run()));
  }

  static AttemptOutcome failed(ClaimedAttempt claimed, String error) {
    return new AttemptOutcome(
        claimed.run().id(),
        claimed.attempt(),
        AttemptStatus.FAILED,
        RunStatus.FAILED,
        null,
        null,
        error,
        List.of(),
        RunKeys.of(claimed.run()));
  }

  static NewRun extension(String parameters) {
    return new NewRun("details", parameters, 5, 60);
  }

  RunRecord run(String runId) {
    return store.findRun(PROJECT, runId).orElseThrow();
  }

  JobRunRecord jobRun(String jobRunId) {
    return store.findJobRun(PROJECT, jobRunId).orElseThrow();
  }
}
