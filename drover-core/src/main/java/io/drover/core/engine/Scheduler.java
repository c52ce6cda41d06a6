package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.Ids;
import io.drover.core.job.JobConfig;
import io.drover.core.job.JobDocuments;
import io.drover.core.schedule.FireDecision;
import io.drover.core.schedule.FireTimes;
import io.drover.core.schedule.Schedule;
import io.drover.core.state.Trigger;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.JobRecord;
import io.drover.core.store.ScheduledFire;
import io.drover.core.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedules: every ACTIVE Job whose nextFireAt has come gets, in one store transaction, its
 * next fire time and a SCHEDULED JobRun — or a recorded skip when one of its JobRuns is still
 * active, or when the fires were missed longer ago than the catch-up window. The store applies a
 * fire only to the Job exactly as it was read, so each fire time is honoured once, across restarts
 * too. {@link #runDue} does one round (tests call it with a settable clock); {@link #start} runs
 * rounds on a thread that sleeps until the next fire, at most {@link #MAX_SLEEP}.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** The longest the loop sleeps, so Jobs saved elsewhere (another node) are seen soon. */
  public static final Duration MAX_SLEEP = Duration.ofMillis(250);

  /** Due Jobs read and fired per transaction. */
  static final int BATCH = 200;

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final int defaultConcurrency;
  private final RandomGenerator random;
  private final Runnable jobRunsStarted;
  private final EngineEvents events;
  private final Object wake = new Object();
  private final Thread loop = new Thread(this::loop, "drover-scheduler");
  private boolean wakeRequested;
  private volatile boolean running;

  /**
   * @param random draws jitter (seed it in tests); used under a lock, so any generator does
   * @param jobRunsStarted called after a round that started JobRuns (wakes the dispatcher)
   */
  public Scheduler(EngineParts parts, Ids ids, RandomGenerator random, Runnable jobRunsStarted) {
    this.store = parts.store();
    this.clock = parts.clock();
    this.ids = ids;
    this.defaultConcurrency = parts.settings().defaultConcurrency();
    this.random = random;
    this.jobRunsStarted = jobRunsStarted;
    this.events = parts.events();
    loop.setDaemon(true);
  }

  /**
   * The nextFireAt of a Job given this schedule at {@code now}: the first fire after now, jittered;
   * {@code null} without a schedule or when it never fires again.
   */
  public Instant firstFireAt(Schedule schedule, Instant now) {
    if (schedule == null) {
      return null;
    }
    FireTimes times = FireTimes.of(schedule);
    synchronized (random) {
      return times.nextAfter(now).map(next -> times.jittered(next, random)).orElse(null);
    }
  }

  /**
   * A Job's next {@code count} nominal fire times (without jitter): from its pending fire on, or,
   * when it has none (paused), from now — when it would fire if resumed now.
   */
  public List<Instant> nextFireTimes(Schedule schedule, Instant nextFireAt, int count) {
    if (schedule == null || count <= 0) {
      return List.of();
    }
    FireTimes times = FireTimes.of(schedule);
    if (nextFireAt == null) {
      return times.next(clock.now(), count);
    }
    Instant pending = times.nominalOf(nextFireAt);
    List<Instant> fires = new ArrayList<>(count);
    fires.add(pending);
    fires.addAll(times.next(pending, count - 1));
    return fires;
  }

  /**
   * Fires every Job due now, a batch per transaction. Returns when to look again: the earliest
   * nextFireAt within {@link #MAX_SLEEP}, or now + MAX_SLEEP.
   */
  public Instant runDue() {
    while (true) {
      Instant now = clock.now();
      Instant horizon = now.plus(MAX_SLEEP);
      List<JobRecord> jobs = store.dueJobs(horizon, BATCH);
      List<ScheduledFire> fires = new ArrayList<>();
      Instant wakeAt = horizon;
      for (JobRecord job : jobs) {
        if (job.nextFireAt().isAfter(now)) {
          wakeAt = job.nextFireAt(); // due Jobs come earliest first
          break;
        }
        ScheduledFire fire = fireOf(job, now);
        if (fire != null) {
          fires.add(fire);
        }
      }
      List<FireOutcome> outcomes = store.fire(fires);
      report(fires, outcomes);
      boolean fullBatchDue = fires.size() == BATCH;
      boolean anyApplied = outcomes.stream().anyMatch(o -> o.kind() != FireOutcome.Kind.STALE);
      if (!(fullBatchDue && anyApplied)) {
        return wakeAt;
      }
    }
  }

  /** Looks at the due Jobs now (a Job was saved or resumed). */
  public void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  private ScheduledFire fireOf(JobRecord job, Instant now) {
    JobConfig config;
    try {
      config = JobDocuments.fromStoredJson(job.configJson());
    } catch (RuntimeException e) {
      LOG.error(
          "Job '{}' of project '{}' has an unreadable stored configuration; it will not fire",
          job.id(),
          job.project(),
          e);
      return fire(job, null, job.nextFireAt(), null, null, now);
    }
    if (config.schedule() == null) {
      return fire(job, null, job.nextFireAt(), null, null, now);
    }
    FireTimes times = FireTimes.of(config.schedule());
    FireDecision decision;
    synchronized (random) {
      decision = FireDecision.decide(times, job.nextFireAt(), now, random);
    }
    return switch (decision.kind()) {
      case FIRE, CATCH_UP -> {
        Store.NewJobRun jobRun =
            Jobs.newJobRun(ids.next(), job, config, Trigger.SCHEDULED, defaultConcurrency, now);
        yield fire(job, decision.nextFireAt(), decision.nominal(), jobRun, null, now);
      }
      case SKIP -> {
        String reason = MissedFires.reason(times, job.nextFireAt(), decision.nominal());
        yield fire(job, decision.nextFireAt(), decision.nominal(), null, reason, now);
      }
      case NOT_DUE -> null; // not for a Job read as due: it is looked at again next round
    };
  }

  private static ScheduledFire fire(
      JobRecord job,
      Instant next,
      Instant nominal,
      Store.NewJobRun jobRun,
      String missedReason,
      Instant now) {
    return new ScheduledFire(
        job.project(),
        job.id(),
        job.version(),
        job.nextFireAt(),
        next,
        nominal,
        jobRun,
        missedReason,
        now);
  }

  private void report(List<ScheduledFire> fires, List<FireOutcome> outcomes) {
    if (!outcomes.isEmpty()) {
      events.fired(fires, outcomes);
    }
    boolean started = false;
    for (int i = 0; i < outcomes.size(); i++) {
      FireOutcome outcome = outcomes.get(i);
      ScheduledFire fire = fires.get(i);
      if (outcome.kind() == FireOutcome.Kind.STARTED) {
        started = true;
        LOG.debug(
            "Job '{}' fired for {}: JobRun {}",
            fire.jobId(),
            fire.nominalAt(),
            outcome.jobRun().id());
      }
      if (outcome.skipped() != null) {
        LOG.info(
            "Job '{}' of project '{}' skipped its fire at {}: {}",
            fire.jobId(),
            fire.project(),
            fire.nominalAt(),
            outcome.skipped().reason());
      }
    }
    if (started) {
      jobRunsStarted.run();
    }
  }

  public void start() {
    running = true;
    loop.start();
  }

  private void loop() {
    while (running) {
      Instant wakeAt;
      try {
        wakeAt = runDue();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.error("scheduling failed; trying again", e);
        wakeAt = clock.now().plus(MAX_SLEEP);
      }
      sleepUntil(wakeAt);
    }
  }

  private void sleepUntil(Instant wakeAt) {
    synchronized (wake) {
      try {
        while (running && !wakeRequested) {
          long nanos = Duration.between(clock.now(), wakeAt).toNanos();
          if (nanos <= 0) {
            break;
          }
          // Rounded up: waking a little early would only find nothing due yet.
          wake.wait((nanos + 999_999) / 1_000_000);
        }
      } catch (InterruptedException e) {
        running = false;
      }
      wakeRequested = false;
    }
  }

  @Override
  public void close() {
    running = false;
    wakeUp();
    if (loop.isAlive()) {
      try {
        loop.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
