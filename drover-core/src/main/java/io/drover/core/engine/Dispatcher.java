package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.AttemptStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.RunRecord;
import io.drover.core.store.RunnableGroup;
import io.drover.core.store.Store;
import io.drover.sdk.Execution;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims runnable Runs while slots are free, fairly across JobRuns and within each JobRun's cap,
 * runs each attempt on a worker thread, and settles it exactly once: by its worker, by the watchdog
 * at its deadline, or by a pause/terminate.
 */
final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Store store;
  private final Clock clock;
  private final EngineSettings settings;
  private final ProjectRegistry projects;
  private final AttemptExecutor executor;
  private final AttemptRunner runner;
  private final Outcomes outcomes;
  private final ArtifactStore artifacts;
  private final Committer committer;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Outcomes.JobRunLimits> limits = new ConcurrentHashMap<>();
  private final JobRunOptions options;
  private final ExecutorService workers = Executors.newCachedThreadPool(named("drover-worker"));
  private final Object claimLock = new Object();
  private final Object wake = new Object();
  private final Thread loop = new Thread(this::loop, "drover-dispatcher");
  private boolean wakeRequested;
  private volatile boolean running;
  private int rotation;

  Dispatcher(EngineParts parts, Outcomes outcomes, AttemptRunner runner) {
    this.store = parts.store();
    this.clock = parts.clock();
    this.settings = parts.settings();
    this.projects = parts.projects();
    this.executor = parts.executor();
    this.artifacts = parts.artifacts();
    this.runner = runner;
    this.outcomes = outcomes;
    this.committer = new Committer(store, clock, this::committed);
    this.options = new JobRunOptions(store);
    loop.setDaemon(true);
  }

  void start() {
    running = true;
    committer.start();
    loop.start();
  }

  /** Asks the loop to look for work now (a JobRun was created or resumed, slots were freed). */
  void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  int inFlightCount() {
    return inFlight.size();
  }

  private void loop() {
    while (running) {
      boolean claimedAll = false;
      try {
        claimedAll = claimOnce();
      } catch (RuntimeException e) {
        LOG.error("dispatching failed; trying again", e);
      }
      if (!claimedAll) {
        waitForWork(settings.pollInterval());
      }
    }
  }

  /** Returns true if it filled every slot it was offered and might find more work at once. */
  private boolean claimOnce() {
    int free = settings.slots() - inFlight.size();
    if (free <= 0) {
      return false;
    }
    List<ClaimedAttempt> claimed;
    synchronized (claimLock) {
      List<RunnableGroup> groups = store.runnableGroups(clock.now());
      Map<String, Integer> quotas = FairShare.allocate(groups, free, rotation++);
      if (quotas.isEmpty()) {
        return false;
      }
      claimed = store.claim(quotas, clock.now());
      for (ClaimedAttempt attempt : claimed) {
        InFlight entry = new InFlight(attempt, contextFor(attempt));
        inFlight.put(entry.runId(), entry);
        workers.execute(() -> work(entry));
      }
    }
    return !claimed.isEmpty() && claimed.size() == free;
  }

  private AttemptContext contextFor(ClaimedAttempt attempt) {
    RunRecord run = attempt.run();
    Execution execution =
        new Execution(
            run.project(),
            run.jobId(),
            run.jobRunId(),
            run.id(),
            run.apiName(),
            attempt.attempt(),
            null);
    return new AttemptContext(
        execution,
        Duration.ofSeconds(run.requestTimeout()),
        clock,
        apiName -> projects.api(run.project(), apiName).isPresent(),
        settings.maxLogLinesPerAttempt(),
        options.of(run));
  }

  private void work(InFlight attempt) {
    attempt.runningOn(Thread.currentThread());
    AttemptRunner.Ended ended = attempt.settled() ? null : runner.run(attempt);
    attempt.runningOn(null);
    Thread.interrupted(); // a stop() that came late must not leak into the next attempt on this
    // thread
    if (ended == null || !attempt.settle()) {
      return;
    }
    AttemptOutcome outcome;
    try {
      outcome =
          ended.succeeded()
              ? outcomes.succeeded(attempt, ended.resultJson(), limitsOf(attempt))
              : outcomes.failed(attempt, AttemptStatus.FAILED, ended.error(), ended.retryable());
    } catch (RuntimeException e) {
      outcome = outcomes.failed(attempt, AttemptStatus.FAILED, Errors.describe(e), true);
    }
    finish(attempt, outcome);
  }

  private Outcomes.JobRunLimits limitsOf(InFlight attempt) {
    String jobRunId = attempt.jobRunId();
    if (jobRunId == null || attempt.context.extensions().isEmpty()) {
      return null;
    }
    return limits.computeIfAbsent(
        jobRunId,
        id ->
            store
                .findJobRun(attempt.claimed.run().project(), id)
                .map(jr -> new Outcomes.JobRunLimits(jr.maximumAttempts(), jr.requestTimeout()))
                .orElseThrow(() -> new IllegalStateException("JobRun " + id + " disappeared")));
  }

  private void finish(InFlight attempt, AttemptOutcome outcome) {
    saveLogs(attempt);
    committer.submit(attempt, outcome);
  }

  private void saveLogs(InFlight attempt) {
    try {
      artifacts.writeLogs(attempt.runId(), attempt.claimed.attempt(), attempt.context.logLines());
    } catch (Exception e) {
      LOG.warn(
          "could not save the logs of run {} attempt {}",
          attempt.runId(),
          attempt.claimed.attempt(),
          e);
    }
  }

  private void committed(List<InFlight> attempts) {
    for (InFlight attempt : attempts) {
      inFlight.remove(attempt.runId(), attempt);
    }
    wakeUp();
  }

  /** Called by the watchdog: attempts past their deadline end TIMED_OUT and are stopped. */
  void stopOverdue() {
    for (InFlight attempt : inFlight.values()) {
      if (attempt.context.pastDeadline() && attempt.settle()) {
        int seconds = attempt.claimed.run().requestTimeout();
        attempt.context.append(
            "ERROR", "drover", "attempt timed out after " + seconds + " s (requestTimeout)");
        finish(
            attempt,
            outcomes.failed(
                attempt,
                AttemptStatus.TIMED_OUT,
                "timed out: the attempt ran past its requestTimeout of " + seconds + " s",
                true));
        stopThread(attempt);
      }
    }
  }

  /**
   * Changes the store (pause or end a JobRun) while no claim is in progress, then stops the
   * attempts it says were running: the store has already recorded them CANCELED.
   */
  <T extends Collection<String>> T cancelWith(Supplier<T> storeChange) {
    T stoppedRunIds;
    synchronized (claimLock) {
      stoppedRunIds = storeChange.get();
      for (String runId : stoppedRunIds) {
        InFlight attempt = inFlight.get(runId);
        if (attempt != null && attempt.settle()) {
          attempt.context.append("WARN", "drover", "attempt canceled");
          saveLogs(attempt);
          inFlight.remove(runId, attempt);
          stopThread(attempt);
        }
      }
    }
    wakeUp();
    return stoppedRunIds;
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

  private void waitForWork(Duration max) {
    synchronized (wake) {
      if (!wakeRequested) {
        try {
          wake.wait(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
          running = false;
        }
      }
      wakeRequested = false;
    }
  }

  /**
   * Stops claiming and stops what is running. Attempts still running stay RUNNING in the store; the
   * next start marks them ABANDONED and runs their Runs again.
   */
  @Override
  public void close() {
    running = false;
    wakeUp();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (InFlight attempt : inFlight.values()) {
      if (attempt.settle()) {
        stopThread(attempt);
      }
    }
    committer.close();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
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
