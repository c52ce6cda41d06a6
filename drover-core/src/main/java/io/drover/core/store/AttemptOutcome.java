package io.drover.core.store;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * How one attempt ended and what happens to its Run, decided by the engine and applied by the store
 * in one transaction: the attempt row, the Run row ({@code nextRunStatus}: COMPLETED, FAILED, or
 * PENDING again with {@code retryAt}), the result, and the extendPayload items as new Runs of the
 * same JobRun. It applies only if the attempt is still RUNNING: an attempt already canceled by a
 * pause or terminate is left as it is and its result and extensions are dropped. {@code keys}: what
 * the Run belongs to, as the claim read it, so the store need not read it again; null and the store
 * reads it.
 */
public record AttemptOutcome(
    String runId,
    int attempt,
    AttemptStatus attemptStatus,
    RunStatus nextRunStatus,
    Instant retryAt,
    String resultJson,
    String error,
    List<NewRun> extensions,
    RunKeys keys) {

  public AttemptOutcome {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  /** An outcome whose Run's keys the store reads. */
  public AttemptOutcome(
      String runId,
      int attempt,
      AttemptStatus attemptStatus,
      RunStatus nextRunStatus,
      Instant retryAt,
      String resultJson,
      String error,
      List<NewRun> extensions) {
    this(
        runId, attempt, attemptStatus, nextRunStatus, retryAt, resultJson, error, extensions, null);
  }
}
