package io.drover.core.engine;

import io.drover.core.state.AttemptStatus;
import io.drover.core.store.AttemptOutcome;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each claimed attempt on a worker thread and settles it when the API returns — unless the
 * watchdog or a cancellation settled it first, in which case what the API returned is dropped.
 */
final class Workers implements AutoCloseable {
  private final ExecutorService pool = Executors.newCachedThreadPool(named("drover-worker"));
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
    pool.execute(() -> work(attempt));
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
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
