package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.Ids;
import io.drover.core.auth.AuthSessionRefs;
import io.drover.core.job.JobConfig;
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
import java.util.function.BiConsumer;
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

  /** Due Jobs fired per transaction, at most. */
  static final int BATCH = 1000;

  /** Payload items copied into Runs per transaction, at most (one large Job may pass it alone). */
  static final long BATCH_ITEMS = 20_000;

  /** Jobs read per round: the due ones are fired, those due within LOOK_AHEAD are parsed. */
  static final int READ = 1000;

  /** How far ahead the configurations of coming fires are parsed. */
  static final Duration LOOK_AHEAD = Duration.ofSeconds(10);

  /** Parsing ahead stops this long before the next fire. */
  static final Duration WARM_MARGIN = Duration.ofMillis(20);

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final int defaultConcurrency;
  private final RandomGenerator random;
  private final Runnable jobRunsStarted;
  private final EngineEvents events;
  private final FireConfigs configs = new FireConfigs();
  private final DecidedFires decided = new DecidedFires();
  private final BiConsumer<Store.NewJobRun, JobConfig> planned;
  private final Object wake = new Object();
  private final Thread loop = new Thread(this::loop, "drover-scheduler");
  private final AuthSessionRefs authSessions;
  private boolean wakeRequested;
  private volatile boolean running;

  /**
   * @param random draws jitter (seed it in tests); used under a lock, so any generator does
   * @param jobRunsStarted called after a round that started JobRuns (wakes the dispatcher)
   */
  public Scheduler(EngineParts parts, Ids ids, RandomGenerator random, Runnable jobRunsStarted) {
    this(
        parts,
        ids,
        random,
        jobRunsStarted,
        (jobRun, config) -> {},
        new AuthSessions(parts.store(), parts.secrets(), parts.clock(), parts.projects()));
  }

  /**
   * @param planned told of each JobRun a fire is about to start, with the configuration it was made
   *     from (the engine remembers its options)
   */
  Scheduler(
      EngineParts parts,
      Ids ids,
      RandomGenerator random,
      Runnable jobRunsStarted,
      BiConsumer<Store.NewJobRun, JobConfig> planned,
      AuthSessionRefs authSessions) {
    this.authSessions = authSessions;
    this.store = parts.store();
    this.clock = parts.clock();
    this.ids = ids;
    this.defaultConcurrency = parts.settings().defaultConcurrency();
    this.random = random;
    this.jobRunsStarted = jobRunsStarted;
    this.events = parts.events();
    this.planned = planned;
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
   * Fires every Job due now, up to {@link #BATCH} Jobs and {@link #BATCH_ITEMS} payload items per
   * transaction; then parses the configuration of the Jobs due within {@link #LOOK_AHEAD} and
   * decides their fires, while there is time before the next of them, so that at their time only
   * the store's work is left. Returns when to look again: the earliest nextFireAt within {@link
   * #MAX_SLEEP}, or now + MAX_SLEEP.
   */
  public Instant runDue() {
    while (true) {
      Instant read = clock.now();
      List<JobRecord> jobs = store.dueJobs(read.plus(LOOK_AHEAD), READ);
      List<JobRecord> due = new ArrayList<>();
      List<JobRecord> coming = new ArrayList<>();
      for (JobRecord job : jobs) {
        (job.nextFireAt().isAfter(read) ? coming : due).add(job);
      }
      boolean anyApplied = false;
      for (int from = 0; from < due.size(); ) {
        Instant now = clock.now();
        List<ScheduledFire> fires = new ArrayList<>();
        long items = 0;
        for (; from < due.size() && fires.size() < BATCH && items < BATCH_ITEMS; from++) {
          JobRecord job = due.get(from);
          ScheduledFire fire = fireOf(job, now);
          if (fire != null) {
            fires.add(fire);
            items += job.payloadSize();
          }
        }
        List<FireOutcome> outcomes = store.fire(fires);
        report(fires, outcomes);
        anyApplied |= outcomes.stream().anyMatch(o -> o.kind() != FireOutcome.Kind.STALE);
      }
      if (due.size() == READ && anyApplied) {
        continue;
      }
      Instant horizon = clock.now().plus(MAX_SLEEP);
      Instant next = coming.isEmpty() ? horizon : coming.get(0).nextFireAt(); // earliest first
      warm(coming, next.minus(WARM_MARGIN));
      return next.isBefore(horizon) ? next : horizon;
    }
  }

  /**
   * Parses what is not parsed yet and decides the coming fires, stopping at {@code until} to be
   * awake for the next fire.
   */
  private void warm(List<JobRecord> coming, Instant until) {
    for (JobRecord job : coming) {
      if (!clock.now().isBefore(until)) {
        return;
      }
      try {
        FireTimes times = configs.of(job).times();
        if (times != null) {
          decided.decideAhead(job, times, random);
        }
      } catch (RuntimeException e) {
        // reported when it is due
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
    FireTimes times;
    try {
      FireConfigs.Parsed parsed = configs.of(job);
      config = parsed.config();
      times = parsed.times();
    } catch (RuntimeException e) {
      LOG.error(
          "Job '{}' of project '{}' has an unreadable stored configuration; it will not fire",
          job.id(),
          job.project(),
          e);
      return fire(job, null, job.nextFireAt(), null, null, now);
    }
    if (times == null) {
      return fire(job, null, job.nextFireAt(), null, null, now);
    }
    FireDecision decision = decided.take(job, now);
    if (decision == null) {
      synchronized (random) {
        decision = FireDecision.decide(times, job.nextFireAt(), now, random);
      }
    }
    return switch (decision.kind()) {
      case FIRE, CATCH_UP -> {
        String refused = authRefusal(job, config);
        if (refused != null) {
          yield fire(job, decision.nextFireAt(), decision.nominal(), null, refused, now);
        }
        Store.NewJobRun jobRun =
            Jobs.newJobRun(ids.next(), job, config, Trigger.SCHEDULED, defaultConcurrency, now);
        planned.accept(jobRun, config);
        yield fire(job, decision.nextFireAt(), decision.nominal(), jobRun, null, now);
      }
      case SKIP -> {
        String reason = MissedFires.reason(times, job.nextFireAt(), decision.nominal());
        yield fire(job, decision.nextFireAt(), decision.nominal(), null, reason, now);
      }
      case NOT_DUE -> null; // not for a Job read as due: it is looked at again next round
    };
  }

  /** Why a fire of this Job cannot start a JobRun: the AuthSession it names is not usable. */
  private String authRefusal(JobRecord job, JobConfig config) {
    if (config.authSession() == null) {
      return null;
    }
    String id = config.authSession().id();
    return authSessions
        .refusal(job.project(), id)
        .map(expected -> "its authSession.id is \"" + id + "\", expected " + expected)
        .orElse(null);
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
