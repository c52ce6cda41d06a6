package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.DispatchStore;
import io.drover.core.store.RunnableGroup;
import io.drover.core.store.Store;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims runnable Runs while slots are free, fairly across JobRuns and within each JobRun's cap,
 * and hands each claimed attempt to the workers. {@link #claimOnce} is one step; {@link #start}
 * runs steps on a thread that waits for a wake-up (new work, canceled Runs), for slots settled but
 * left unclaimed for {@link #SETTLED_GRACE}, or for the poll interval.
 */
final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /**
   * How long a settled attempt's slot waits for the commit that records its outcome to claim for it
   * (in the same transaction) before the loop claims for it in a transaction of its own: a claim
   * per settled attempt would, on SQLite, queue behind that commit for the one writer and find the
   * slots it is about to fill (BENCHMARKS.md, "Echo"); a committer held up longer (a slow disk, a
   * slow listener) must not leave the slots idle.
   */
  static final Duration SETTLED_GRACE = Duration.ofMillis(20);

  private final Store store;
  private final String node;
  private final Clock clock;
  private final EngineSettings settings;
  private final InFlightAttempts inFlight;
  private final AttemptContexts contexts;
  private final Workers workers;
  private final EngineEvents events;
  private final Object wake = new Object();
  private final Thread loop = new Thread(this::loop, "drover-dispatcher");
  private boolean wakeRequested;
  // Whether an attempt settled since the last claim counted the free slots, and when the loop
  // claims for it if no commit has (System.nanoTime()).
  private boolean settledUnclaimed;
  private long claimDueAt;
  // While the loop waits: the System.nanoTime() it waits until.
  private boolean waiting;
  private long waitingUntil;
  private volatile boolean running;
  private volatile long looks;
  private int rotation;
  private String lastServed;

  Dispatcher(
      EngineParts parts, InFlightAttempts inFlight, AttemptContexts contexts, Workers workers) {
    this.store = parts.store();
    this.node = parts.node().id();
    this.clock = parts.clock();
    this.settings = parts.settings();
    this.inFlight = inFlight;
    this.contexts = contexts;
    this.workers = workers;
    this.events = parts.events();
    loop.setDaemon(true);
  }

  void start() {
    running = true;
    loop.start();
  }

  /**
   * An attempt settled: its slot is free once its outcome is committed, and that commit claims for
   * it; if no claim comes within {@link #SETTLED_GRACE}, the loop claims.
   */
  void settled() {
    synchronized (wake) {
      if (!settledUnclaimed) {
        settledUnclaimed = true;
        claimDueAt = System.nanoTime() + SETTLED_GRACE.toNanos();
        // A loop that wakes before the grace is over looks again then: no wake-up per commit.
        if (waiting && waitingUntil - claimDueAt > 0) {
          wake.notifyAll();
        }
      }
    }
  }

  /** Asks the loop to look for work now (a JobRun was created or resumed, Runs were canceled). */
  void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      boolean mayHaveMore = false;
      looks++;
      try {
        // Before counting: with no slot free, a settlement told after its commit already claimed
        // (the slot is busy again) must not keep the wait below short.
        claiming();
        int free = inFlight.freeSlots(settings.slots());
        mayHaveMore = free > 0 && claimOnce() == free;
      } catch (RuntimeException e) {
        LOG.error("dispatching failed; trying again", e);
      }
      if (!mayHaveMore) {
        waitForWork(settings.pollInterval());
      }
    }
  }

  /** How many times the loop has looked for work (tests: it must not spin). */
  long looks() {
    return looks;
  }

  /** Claims as many due Runs as there are free slots and starts them. Returns how many. */
  int claimOnce() {
    // Counted in turn with the commits: one that claims meanwhile would make the count stale.
    return inFlight.exclusively(
        () -> {
          claiming();
          int free = inFlight.freeSlots(settings.slots());
          return free <= 0 ? 0 : start(store.claim(node, allocation(free), clock.now()));
        });
  }

  /**
   * Commits a group of settled attempts. While the loop runs, the same transaction claims Runs for
   * the slots the group frees, and they start at once; stepped tests claim with {@link #claimOnce}
   * only. If the combined transaction fails, the outcomes are committed alone and the loop is woken
   * to claim for their slots. This is the claim a settled attempt's slot waits for ({@link
   * #settled}).
   */
  List<Boolean> commit(List<InFlight> attempts, List<AttemptOutcome> outcomes) {
    if (running) {
      try {
        return inFlight.exclusively(
            () -> {
              claiming();
              int free = inFlight.freeSlots(settings.slots(), attempts.size());
              DispatchStore.Dispatched done =
                  store.finishAndClaim(node, outcomes, allocation(free), clock.now());
              attempts.forEach(inFlight::remove);
              start(done.claimed());
              return done.applied();
            });
      } catch (RuntimeException e) {
        LOG.warn("committing and claiming together failed; committing alone", e);
      }
    }
    List<Boolean> applied = store.finishAttempts(node, outcomes, clock.now());
    attempts.forEach(inFlight::remove);
    wakeUp();
    return applied;
  }

  /**
   * The free slots split fairly between a window of {@code free} JobRuns that have room, the next
   * window starting after this one: every JobRun gets its turn, and a claim reads no more groups
   * than it can serve however many JobRuns are running. A window short of {@code free} held every
   * JobRun with room, so the next starts from the first again: one query instead of two (the rest
   * after the cursor, then from the first up to it).
   */
  private DispatchStore.Allocation allocation(int free) {
    return new DispatchStore.Allocation(
        free,
        lastServed,
        groups -> {
          String last = null;
          int jobRuns = 0;
          for (RunnableGroup group : groups) {
            if (!group.standalone()) {
              last = group.jobRunId();
              jobRuns++;
            }
          }
          lastServed = jobRuns < free ? null : last;
          return FairShare.allocate(groups, free, rotation++);
        });
  }

  private int start(List<ClaimedAttempt> claimed) {
    if (!claimed.isEmpty()) {
      events.claimed(claimed); // before any worker can commit an outcome of them
    }
    for (ClaimedAttempt attempt : claimed) {
      InFlight entry = new InFlight(attempt, contexts.of(attempt));
      inFlight.add(entry);
      workers.start(entry);
    }
    return claimed.size();
  }

  /** A claim is about to count the free slots: every attempt settled until now is covered. */
  private void claiming() {
    synchronized (wake) {
      settledUnclaimed = false;
    }
  }

  /** Until a wake-up, a settled slot left unclaimed for the grace, or {@code max}. */
  private void waitForWork(Duration max) {
    long pollAt = System.nanoTime() + max.toNanos();
    synchronized (wake) {
      try {
        while (!wakeRequested && running) {
          long until = settledUnclaimed && pollAt - claimDueAt > 0 ? claimDueAt : pollAt;
          long left = until - System.nanoTime();
          if (left <= 0) {
            break;
          }
          waiting = true;
          waitingUntil = until;
          wake.wait(Math.max(1, (left + 999_999) / 1_000_000));
        }
      } catch (InterruptedException e) {
        running = false;
      }
      waiting = false;
      wakeRequested = false;
    }
  }

  /** Stops claiming; what is in flight is left to the engine's close. */
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
