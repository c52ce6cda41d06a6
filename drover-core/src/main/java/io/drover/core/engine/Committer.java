package io.drover.core.engine;

import io.drover.core.store.AttemptOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes settled attempts to the store in groups: each group is one transaction, so a busy engine
 * makes few commits, and each attempt's outcome, result and extensions land together or not at all.
 * A failed commit is retried; nothing settled is dropped while the engine runs.
 */
final class Committer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
  private static final int MAX_GROUP = 500;

  record Settled(InFlight attempt, AttemptOutcome outcome) {}

  /** Writes one group and takes its attempts out of flight; returns applied per outcome. */
  @FunctionalInterface
  interface GroupCommit {
    List<Boolean> commit(List<InFlight> attempts, List<AttemptOutcome> outcomes);
  }

  private final GroupCommit groupCommit;
  private final EngineEvents events;
  private final BlockingQueue<Settled> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  Committer(GroupCommit groupCommit, EngineEvents events) {
    this.groupCommit = groupCommit;
    this.events = events;
    this.thread = new Thread(this::loop, "drover-committer");
    this.thread.setDaemon(true);
  }

  void start() {
    if (!thread.isAlive()) {
      thread.start();
    }
  }

  void submit(InFlight attempt, AttemptOutcome outcome) {
    queue.add(new Settled(attempt, outcome));
  }

  private void loop() {
    List<Settled> group = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Settled first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
        group.clear();
      } catch (InterruptedException e) {
        running = false;
      }
    }
  }

  private void commit(List<Settled> group) throws InterruptedException {
    List<AttemptOutcome> outcomes = group.stream().map(Settled::outcome).toList();
    long wait = 100;
    while (true) {
      try {
        List<Boolean> applied =
            groupCommit.commit(group.stream().map(Settled::attempt).toList(), outcomes);
        events.committed(outcomes, applied);
        return;
      } catch (RuntimeException e) {
        LOG.error(
            "could not record {} attempt outcomes; retrying in {} ms", outcomes.size(), wait, e);
        if (!running) {
          return; // left RUNNING in the store: abandoned and run again at the next start
        }
        Thread.sleep(wait);
        wait = Math.min(wait * 2, 5_000);
      }
    }
  }

  /** Commits what is already settled, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
