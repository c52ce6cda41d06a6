package io.drover.core.engine;

import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.ScheduledFire;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** {@link EngineEvents#all}: every event to every listener. A new event must be added here too. */
final class FanOutEvents implements EngineEvents {
  private final List<EngineEvents> listeners;

  FanOutEvents(List<EngineEvents> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void claimed(List<ClaimedAttempt> attempts) {
    listeners.forEach(l -> l.claimed(attempts));
  }

  @Override
  public void committed(List<AttemptOutcome> outcomes, List<Boolean> applied) {
    listeners.forEach(l -> l.committed(outcomes, applied));
  }

  @Override
  public void canceled(Collection<String> runIds) {
    listeners.forEach(l -> l.canceled(runIds));
  }

  @Override
  public void fired(List<ScheduledFire> fires, List<FireOutcome> outcomes) {
    listeners.forEach(l -> l.fired(fires, outcomes));
  }

  @Override
  public void changed() {
    listeners.forEach(EngineEvents::changed);
  }

  @Override
  public void delivered(String project, String status, Duration delay) {
    listeners.forEach(l -> l.delivered(project, status, delay));
  }
}
