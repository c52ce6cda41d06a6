package io.drover.core.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The attempts this engine is executing or committing now, by Run id. A claim (store claim, then
 * registration here) and a cancellation (store change, then stopping what it names) take turns, so
 * a cancellation never misses an attempt that was claimed but not registered yet.
 */
final class InFlightAttempts {
  private final Map<String, InFlight> byRun = new ConcurrentHashMap<>();
  private final Object turn = new Object();

  <T> T exclusively(Supplier<T> work) {
    synchronized (turn) {
      return work.get();
    }
  }

  void add(InFlight attempt) {
    byRun.put(attempt.runId(), attempt);
  }

  InFlight get(String runId) {
    return byRun.get(runId);
  }

  void remove(InFlight attempt) {
    if (byRun.remove(attempt.runId(), attempt)) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  int size() {
    return byRun.size();
  }

  /**
   * Slots free for new claims: those whose attempt's API has returned are free while its outcome
   * waits for its commit (so claims and commits overlap), but at most as many attempts again as
   * there are slots may wait for their commit.
   */
  int freeSlots(int slots) {
    return freeSlots(slots, 0);
  }

  /**
   * The free slots once {@code committing} settled attempts (in flight now, none of them executing)
   * have left: what a commit may claim for in its own transaction. Counted as still here, a group
   * as large as the commit bound would claim nothing and leave the slots idle.
   */
  int freeSlots(int slots, int committing) {
    int executing = 0;
    for (InFlight attempt : byRun.values()) {
      if (attempt.executing()) {
        executing++;
      }
    }
    return Math.min(slots - executing, 2 * slots - (byRun.size() - committing));
  }

  Collection<InFlight> all() {
    return List.copyOf(byRun.values());
  }

  /** Waits until nothing is in flight (stepped tests); false if {@code millis} passed first. */
  synchronized boolean awaitEmpty(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!byRun.isEmpty()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
