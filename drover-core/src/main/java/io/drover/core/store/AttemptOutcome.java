package io.drover.core.store;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one attempt ended and what happens to its Run, decided by the engine and applied by the store
 * in one transaction: the attempt row, the Run row ({@code nextRunStatus}: COMPLETED, FAILED, or
 * PENDING again with {@code retryAt}), the result, and the extendPayload items as new Runs of the
 * same JobRun. It applies only if the attempt is still RUNNING: an attempt already canceled by a
 * pause or terminate is left as it is and its result and extensions are dropped. {@code keys}: what
 * the Run belongs to, as the claim read it (the store does not read it again).
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
    Objects.requireNonNull(keys, "keys");
  }
}
