package io.drover.core.engine;

import io.drover.core.SettableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * An engine on a settable clock whose loops never run by themselves: a test runs each one a step at
 * a time ({@link #claimOnce}, {@link #checkDeadlines}, {@link #fireDue}) and waits for the attempts
 * it started with {@link #awaitIdle} — an event (the last one committed), not a sleep. Like
 * db-scheduler's ManualScheduler.
 */
final class SteppedEngine implements AutoCloseable {
  private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);

  final SettableClock clock;
  final Engine engine;

  /** Builds the engine on {@code clock} (the builder's own clock is replaced) and recovers. */
  SteppedEngine(EngineBuilder builder, SettableClock clock) {
    this.clock = clock;
    this.engine = builder.clock(clock).build();
    engine.startSteppable();
  }

  /** Claims due Runs into the free slots and starts them on worker threads; returns how many. */
  int claimOnce() {
    return engine.claimOnce();
  }

  /** Stops the attempts past their deadline; returns how many. */
  int checkDeadlines() {
    return engine.checkDeadlines();
  }

  /** Stops the attempts this node no longer holds in the store; returns how many. */
  int stopReleased() {
    return engine.stopReleased();
  }

  /** Fires the due schedules; returns when the scheduler would look again. */
  Instant fireDue() {
    return engine.scheduler().runDue();
  }

  /** One deliverer step (the engine must be built with its loop): sends due deliveries. */
  int deliverDue() {
    return engine.loop(io.drover.core.sink.Deliverer.class).orElseThrow().deliverDue();
  }

  /** Waits until every started attempt has been committed. */
  void awaitIdle() {
    try {
      if (!engine.awaitIdle(IDLE_LIMIT)) {
        throw new AssertionError(
            engine.inFlight() + " attempts still in flight after " + IDLE_LIMIT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Claims and runs until nothing due is left; returns how many attempts ran. */
  int runDue() {
    int total = 0;
    for (int claimed = claimOnce(); claimed > 0; claimed = claimOnce()) {
      awaitIdle();
      total += claimed;
    }
    awaitIdle();
    return total;
  }

  @Override
  public void close() {
    engine.close();
  }
}
