package io.drover.core.engine;

import io.drover.core.state.AttemptStatus;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends attempts before their API returns: at their deadline (TIMED_OUT, retried like a failure), or
 * because their JobRun was paused, terminated or deleted (the store has already recorded them
 * CANCELED). Either way the attempt is settled here first, then its thread is stopped.
 */
final class Stops {
  private static final Logger LOG = LoggerFactory.getLogger(Stops.class);

  private final InFlightAttempts inFlight;
  private final Outcomes outcomes;
  private final Settlement settlement;
  private final AttemptExecutor executor;

  Stops(
      InFlightAttempts inFlight,
      Outcomes outcomes,
      Settlement settlement,
      AttemptExecutor executor) {
    this.inFlight = inFlight;
    this.outcomes = outcomes;
    this.settlement = settlement;
    this.executor = executor;
  }

  /** One watchdog step: attempts past their deadline end TIMED_OUT. Returns how many. */
  int stopOverdue() {
    int stopped = 0;
    for (InFlight attempt : inFlight.all()) {
      if (attempt.context.pastDeadline() && attempt.settle()) {
        int seconds = attempt.claimed.run().requestTimeout();
        attempt.context.append(
            "ERROR", "drover", "attempt timed out after " + seconds + " s (requestTimeout)");
        settlement.finish(
            attempt,
            outcomes.failed(
                attempt,
                AttemptStatus.TIMED_OUT,
                "timed out: the attempt ran past its requestTimeout of " + seconds + " s",
                true));
        stopThread(attempt);
        stopped++;
      }
    }
    return stopped;
  }

  /**
   * Changes the store (pause or end a JobRun) while no claim is in progress, then stops the
   * attempts it says were running.
   */
  <T extends Collection<String>> T cancelWith(Supplier<T> storeChange) {
    return inFlight.exclusively(
        () -> {
          T stoppedRunIds = storeChange.get();
          for (String runId : stoppedRunIds) {
            InFlight attempt = inFlight.get(runId);
            if (attempt != null && attempt.settle()) {
              attempt.context.append("WARN", "drover", "attempt canceled");
              settlement.saveLogs(attempt);
              inFlight.remove(attempt);
              stopThread(attempt);
            }
          }
          return stoppedRunIds;
        });
  }

  /**
   * At shutdown: stops what is running. Those attempts stay RUNNING in the store; the next start
   * marks them ABANDONED and runs their Runs again.
   */
  void stopAll() {
    for (InFlight attempt : inFlight.all()) {
      if (attempt.settle()) {
        stopThread(attempt);
      }
    }
  }

  private void stopThread(InFlight attempt) {
    Thread thread = attempt.thread();
    if (thread != null) {
      try {
        executor.stop(attempt.context, thread);
      } catch (RuntimeException e) {
        LOG.warn("could not stop run {}", attempt.runId(), e);
      }
    }
  }
}
