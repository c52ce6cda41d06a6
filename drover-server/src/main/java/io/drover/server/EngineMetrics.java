package io.drover.server;

import io.drover.core.Clock;
import io.drover.core.engine.EngineEvents;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.ScheduledFire;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what the engine reports into {@link Metrics}: an attempt's duration runs from its claim to
 * its committed outcome (or its cancellation), a Run is counted when an attempt ends it.
 */
final class EngineMetrics implements EngineEvents {
  private final Metrics metrics;
  private final Clock clock;
  // By Run id: a Run has at most one attempt in flight.
  private final Map<String, Started> inFlight = new ConcurrentHashMap<>();

  private record Started(int attempt, String project, String api, Instant at) {}

  EngineMetrics(Metrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void claimed(List<ClaimedAttempt> attempts) {
    Instant now = clock.now();
    for (ClaimedAttempt claimed : attempts) {
      inFlight.put(
          claimed.run().id(),
          new Started(claimed.attempt(), claimed.run().project(), claimed.run().apiName(), now));
    }
  }

  @Override
  public void committed(List<AttemptOutcome> outcomes, List<Boolean> applied) {
    Instant now = clock.now();
    for (int i = 0; i < outcomes.size(); i++) {
      AttemptOutcome outcome = outcomes.get(i);
      Started started = inFlight.get(outcome.runId());
      if (started == null || started.attempt() != outcome.attempt()) {
        continue;
      }
      if (!inFlight.remove(outcome.runId(), started)) {
        continue; // counted by canceled()
      }
      if (!applied.get(i)) {
        observe(started, "CANCELED", now); // a pause or terminate came first
        continue;
      }
      observe(started, outcome.attemptStatus().name(), now);
      RunStatus next = outcome.nextRunStatus();
      if (next == RunStatus.COMPLETED || next == RunStatus.FAILED) {
        metrics.runsFinished.labelValues(started.project(), started.api(), next.name()).inc();
      }
    }
  }

  @Override
  public void canceled(Collection<String> runIds) {
    Instant now = clock.now();
    for (String runId : runIds) {
      Started started = inFlight.remove(runId);
      if (started != null) {
        observe(started, "CANCELED", now); // unless its outcome was committed first
      }
    }
  }

  @Override
  public void fired(List<ScheduledFire> fires, List<FireOutcome> outcomes) {
    for (int i = 0; i < fires.size(); i++) {
      ScheduledFire fire = fires.get(i);
      FireOutcome outcome = outcomes.get(i);
      if (outcome.kind() == FireOutcome.Kind.STARTED && fire.expectedNextFireAt() != null) {
        metrics.scheduleLateness.observe(seconds(fire.expectedNextFireAt(), fire.now()));
      }
      if (outcome.skipped() != null) {
        metrics.skippedFires.labelValues(fire.project()).inc();
      }
    }
  }

  @Override
  public void delivered(String project, String status, Duration delay) {
    metrics.deliveries.labelValues(project, status.toUpperCase(Locale.ROOT)).inc();
    metrics.deliveryDelay.observe(Math.max(0, delay.toNanos() / 1e9));
  }

  private void observe(Started started, String outcome, Instant now) {
    metrics
        .attemptDuration
        .labelValues(started.project(), started.api(), outcome)
        .observe(seconds(started.at(), now));
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
  }
}
