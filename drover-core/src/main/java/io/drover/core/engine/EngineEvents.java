package io.drover.core.engine;

import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.ScheduledFire;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What the engine tells whoever listens (metrics, tests that wait on events instead of polling).
 * Every method is optional. They are called on engine threads after the store change they report
 * has committed: keep them quick and never throw.
 */
public interface EngineEvents {
  EngineEvents NONE = new EngineEvents() {};

  /** Attempts were claimed; they are handed to workers right after (so no outcome comes first). */
  default void claimed(List<ClaimedAttempt> attempts) {}

  /** Attempt outcomes were written; {@code applied} says, per outcome, whether it took effect. */
  default void committed(List<AttemptOutcome> outcomes, List<Boolean> applied) {}

  /** A pause, terminate or delete canceled the attempts of these Runs. */
  default void canceled(Collection<String> runIds) {}

  /** A scheduler round applied these fires with these outcomes. */
  default void fired(List<ScheduledFire> fires, List<FireOutcome> outcomes) {}

  /** JobRuns or standalone Runs were created, paused, resumed or ended by a request. */
  default void changed() {}

  /**
   * A delivery of a Run's result to its sink was tried: {@code status} is the delivery's status
   * name after the try (e.g. DELIVERED, PENDING for a retry, FAILED), {@code delay} the time from
   * the Run's end to this try. For the deliverer to call; metrics count it.
   */
  default void delivered(String project, String status, Duration delay) {}

  /** One listener that tells all of these, in order. */
  static EngineEvents all(List<EngineEvents> listeners) {
    return new FanOutEvents(listeners);
  }
}
