package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.store.NodeStore;
import io.drover.core.store.NodeStore.Reaped;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's lease and takes back the attempts of nodes that lost theirs. Every {@link
 * Node#heartbeat} it renews this node's lease — rejoining if the lease was lost meanwhile, its
 * attempts having been taken back (the engine stops them: they are no longer held) — and turns the
 * RUNNING attempts of every node whose last heartbeat is older than {@link Node#lease} ABANDONED,
 * their Runs PENDING again. Every node runs one; the store makes each take-back happen once.
 * Plugged in with {@code Engine.builder().loop(Reaper::new)}; tests call {@link #step}.
 */
public final class Reaper implements EngineLoop {
  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

  private final NodeStore nodes;
  private final Clock clock;
  private final Node node;
  private final int slots;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "drover-reaper");
            thread.setDaemon(true);
            return thread;
          });

  public Reaper(EngineParts parts) {
    this.nodes = parts.store().nodes();
    this.clock = parts.clock();
    this.node = parts.node();
    this.slots = parts.settings().slots();
  }

  /** What one step found: whether this node still held its lease, and what it took back. */
  public record Step(boolean leaseHeld, Reaped reaped) {}

  @Override
  public void start() {
    long millis = node.heartbeat().toMillis();
    timer.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      step();
    } catch (RuntimeException e) {
      LOG.warn("heartbeat or reap failed; trying again in {}", node.heartbeat(), e);
    }
  }

  /** Renews this node's lease (or rejoins), then takes back what lapsed nodes held. */
  public Step step() {
    Instant now = clock.now();
    boolean held = nodes.heartbeat(node.id(), now);
    if (!held) {
      LOG.warn(
          "node {} ({}) lost its lease: its attempts were taken back and stop here; joining again",
          node.name(),
          node.id());
      nodes.joinNode(node.joining(slots), now);
    }
    Reaped reaped = nodes.reapNodes(now.minus(node.lease()), now);
    if (!reaped.lostNodes().isEmpty() || reaped.abandonedAttempts() > 0) {
      LOG.info(
          "nodes {} stopped heart-beating; {} of their attempts will run again",
          reaped.lostNodes(),
          reaped.abandonedAttempts());
    }
    return new Step(held, reaped);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
