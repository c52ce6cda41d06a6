package io.drover.core.engine;

import io.drover.core.state.AttemptStatus;
import io.drover.core.store.AttemptOutcome;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each claimed attempt on a worker thread and settles it when the API returns — unless the
 * watchdog or a cancellation settled it first, in which case what the API returned is dropped.
 *
 * <p>Threads are made as attempts need them and end after {@link #IDLE_SECONDS} without one (an
 * attempt whose API ignores its stop keeps its thread; the next attempt gets another). A claim of
 * many attempts is handed over through one queue: the committer, which starts them, wakes one idle
 * worker, and each worker that takes an attempt wakes the next ({@link LinkedBlockingQueue} signals
 * a waiting taker when it leaves more behind), instead of the committer waking a thread per attempt
 * between its commits.
 */
final class Workers implements AutoCloseable {
  static final int IDLE_SECONDS = 60;

  private final LinkedBlockingQueue<InFlight> ready = new LinkedBlockingQueue<>();
  // Workers waiting for an attempt that no start() has counted on yet.
  private final AtomicInteger idle = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger named = new AtomicInteger();
  private volatile boolean closed;
  private final AttemptRunner runner;
  private final Outcomes outcomes;
  private final JobRunOptions options;
  private final Settlement settlement;

  Workers(AttemptRunner runner, Outcomes outcomes, JobRunOptions options, Settlement settlement) {
    this.runner = runner;
    this.outcomes = outcomes;
    this.options = options;
    this.settlement = settlement;
  }

  void start(InFlight attempt) {
    if (closed) {
      return; // stopping: left RUNNING in the store, abandoned and run again at the next start
    }
    if (countOnIdle()) {
      ready.add(attempt);
    } else {
      Thread thread = new Thread(() -> serve(attempt), "drover-worker-" + named.incrementAndGet());
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private boolean countOnIdle() {
    for (int n = idle.get(); n > 0; n = idle.get()) {
      if (idle.compareAndSet(n, n - 1)) {
        return true;
      }
    }
    return false;
  }

  private void serve(InFlight first) {
    try {
      for (InFlight attempt = first; attempt != null; attempt = next()) {
        work(attempt);
      }
    } finally {
      threads.remove(Thread.currentThread());
    }
  }

  /** The next attempt; null when closing or after {@link #IDLE_SECONDS} without one. */
  private InFlight next() {
    idle.incrementAndGet();
    while (!closed) {
      try {
        InFlight attempt = ready.poll(IDLE_SECONDS, TimeUnit.SECONDS);
        if (attempt != null) {
          return attempt;
        }
        if (countOnIdle()) {
          return null; // no start() counts on this thread: it ends
        }
      } catch (InterruptedException e) {
        // A stop() that came after its attempt ended; the next attempt starts uninterrupted.
      }
    }
    return null;
  }

  private void work(InFlight attempt) {
    attempt.runningOn(Thread.currentThread());
    AttemptRunner.Ended ended = attempt.settled() ? null : runner.run(attempt);
    attempt.runningOn(null);
    attempt.apiReturned();
    // A stop() that came late must not leak into the next attempt on this thread.
    Thread.interrupted();
    if (ended == null || !attempt.settle()) {
      return;
    }
    AttemptOutcome outcome;
    try {
      outcome =
          ended.succeeded()
              ? outcomes.succeeded(
                  attempt, ended.resultJson(), options.of(attempt.claimed.run()).limits())
              : outcomes.failed(attempt, AttemptStatus.FAILED, ended.error(), ended.retryable());
    } catch (RuntimeException e) {
      outcome = outcomes.failed(attempt, AttemptStatus.FAILED, Errors.describe(e), true);
    }
    settlement.finish(attempt, outcome);
  }

  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          thread.join(Math.max(1, left / 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
