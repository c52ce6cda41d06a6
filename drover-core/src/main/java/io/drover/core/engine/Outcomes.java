package io.drover.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.NewRun;
import io.drover.core.store.RunKeys;
import io.drover.core.store.RunRecord;
import io.drover.sdk.PayloadItem;
import java.util.List;

/** Decides what an ended attempt means for its Run: done, failed, or retried after a backoff. */
final class Outcomes {
  private final EngineSettings settings;
  private final Clock clock;
  private final ObjectMapper json;

  Outcomes(EngineSettings settings, Clock clock, ObjectMapper json) {
    this.settings = settings;
    this.clock = clock;
    this.json = json;
  }

  AttemptOutcome succeeded(InFlight attempt, String resultJson, JobRunLimits limits) {
    List<NewRun> extensions =
        attempt.context.extensions().stream().map(item -> newRun(item, limits)).toList();
    return new AttemptOutcome(
        attempt.runId(),
        attempt.claimed.attempt(),
        AttemptStatus.SUCCEEDED,
        RunStatus.COMPLETED,
        null,
        resultJson,
        null,
        extensions,
        RunKeys.of(attempt.claimed.run()));
  }

  /**
   * A FAILED or TIMED_OUT attempt: retried while attempts remain, unless {@code retryable} is
   * false.
   */
  AttemptOutcome failed(InFlight attempt, AttemptStatus status, String error, boolean retryable) {
    RunRecord run = attempt.claimed.run();
    int used = run.attemptsUsed() + 1;
    boolean retry = retryable && used < run.maximumAttempts();
    return new AttemptOutcome(
        run.id(),
        attempt.claimed.attempt(),
        status,
        retry ? RunStatus.PENDING : RunStatus.FAILED,
        retry ? clock.now().plus(settings.backoffAfter(used)) : null,
        null,
        error,
        List.of(),
        RunKeys.of(run));
  }

  private NewRun newRun(PayloadItem item, JobRunLimits limits) {
    try {
      return new NewRun(
          item.apiName(),
          json.writeValueAsString(item.parameters()),
          item.maximumAttempts() != null ? item.maximumAttempts() : limits.maximumAttempts(),
          item.requestTimeout() != null ? item.requestTimeout() : limits.requestTimeout());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "extendPayload: parameters of an item for '"
              + item.apiName()
              + "' are not JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** The defaults extendPayload items inherit from their JobRun's configuration snapshot. */
  record JobRunLimits(int maximumAttempts, int requestTimeout) {}
}
