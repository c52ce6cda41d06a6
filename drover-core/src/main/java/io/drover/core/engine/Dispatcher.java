package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.RunnableGroup;
import io.drover.core.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims runnable Runs while slots are free, fairly across JobRuns and within each JobRun's cap,
 * and hands each claimed attempt to the workers. {@link #claimOnce} is one step; {@link #start}
 * runs steps on a thread that waits for a wake-up (new work, freed slots) or the poll interval.
 */
final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Store store;
  private final Clock clock;
  private final EngineSettings settings;
  private final InFlightAttempts inFlight;
  private final AttemptContexts contexts;
  private final Workers workers;
  private final EngineEvents events;
  private final Object wake = new Object();
  private final Thread loop = new Thread(this::loop, "drover-dispatcher");
  private boolean wakeRequested;
  private volatile boolean running;
  private int rotation;

  Dispatcher(
      EngineParts parts, InFlightAttempts inFlight, AttemptContexts contexts, Workers workers) {
    this.store = parts.store();
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

  /** Asks the loop to look for work now (a JobRun was created or resumed, slots were freed). */
  void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      boolean mayHaveMore = false;
      try {
        int free = settings.slots() - inFlight.size();
        mayHaveMore = free > 0 && claimOnce() == free;
      } catch (RuntimeException e) {
        LOG.error("dispatching failed; trying again", e);
      }
      if (!mayHaveMore) {
        waitForWork(settings.pollInterval());
      }
    }
  }

  /** Claims as many due Runs as there are free slots and starts them. Returns how many. */
  int claimOnce() {
    int free = settings.slots() - inFlight.size();
    if (free <= 0) {
      return 0;
    }
    return inFlight.exclusively(
        () -> {
          List<RunnableGroup> groups = store.runnableGroups(clock.now());
          Map<String, Integer> quotas = FairShare.allocate(groups, free, rotation++);
          if (quotas.isEmpty()) {
            return 0;
          }
          List<ClaimedAttempt> claimed = store.claim(quotas, clock.now());
          if (!claimed.isEmpty()) {
            events.claimed(claimed); // before any worker can commit an outcome of them
          }
          for (ClaimedAttempt attempt : claimed) {
            InFlight entry = new InFlight(attempt, contexts.of(attempt));
            inFlight.add(entry);
            workers.start(entry);
          }
          return claimed.size();
        });
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
