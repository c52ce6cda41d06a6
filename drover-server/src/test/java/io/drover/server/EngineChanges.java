package io.drover.server;

import io.drover.core.engine.EngineEvents;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.ScheduledFire;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Counts what the engine reports, so a test waits for the next change instead of polling on a
 * timer: a condition is looked at again each time the engine claims, commits, cancels or fires.
 */
final class EngineChanges implements EngineEvents {
  /** A condition is also looked at again after this long without news (e.g. a log file written). */
  private static final long QUIET_MILLIS = 1_000;

  private long version;

  @Override
  public void claimed(List<ClaimedAttempt> attempts) {
    bump();
  }

  @Override
  public void committed(List<AttemptOutcome> outcomes, List<Boolean> applied) {
    bump();
  }

  @Override
  public void canceled(Collection<String> runIds) {
    bump();
  }

  @Override
  public void fired(List<ScheduledFire> fires, List<FireOutcome> outcomes) {
    bump();
  }

  @Override
  public void changed() {
    bump();
  }

  private synchronized void bump() {
    version++;
    notifyAll();
  }

  /** Probes until the condition holds; fails with the last value seen after {@code limit}. */
  <T> T await(Supplier<T> probe, Predicate<T> condition, String what, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      long seen;
      synchronized (this) {
        seen = version;
      }
      T value = probe.get();
      if (condition.test(value)) {
        return value;
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError("gave up waiting on " + what + "; last seen: " + value);
      }
      waitForChangeAfter(seen, Math.min(left, QUIET_MILLIS));
    }
  }

  private synchronized void waitForChangeAfter(long seen, long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    try {
      while (version == seen) {
        long left = (until - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
