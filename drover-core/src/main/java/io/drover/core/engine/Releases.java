package io.drover.core.engine;

import io.drover.core.store.NodeStore.AttemptKey;
import io.drover.core.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the attempts this node runs that the store no longer says it holds: canceled by a pause,
 * terminate or delete made on another node, or taken back because this node's lease lapsed. It
 * polls the store (one indexed query per {@link #DEFAULT_INTERVAL}, only while attempts are in
 * flight) rather than listening for notifications: that works on every database, a lost
 * notification cannot leave an attempt running, and the same query catches a lost lease.
 */
final class Releases implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Releases.class);

  /** How soon an attempt canceled on another node stops here, at most (plus one query). */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private final Store store;
  private final String node;
  private final InFlightAttempts inFlight;
  private final Stops stops;
  private final EngineEvents events;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "drover-releases");
            thread.setDaemon(true);
            return thread;
          });

  Releases(EngineParts parts, InFlightAttempts inFlight, Stops stops) {
    this.store = parts.store();
    this.node = parts.node().id();
    this.inFlight = inFlight;
    this.stops = stops;
    this.events = parts.events();
  }

  void start() {
    long millis = DEFAULT_INTERVAL.toMillis();
    timer.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      stopReleased();
    } catch (RuntimeException e) {
      LOG.warn("could not check which attempts this node still holds", e);
    }
  }

  /** One step: stops the attempts in flight that the store no longer holds for this node. */
  int stopReleased() {
    // Taken before the query: every attempt in it was claimed (committed) before the query ran,
    // so the query shows it unless it really ended.
    List<InFlight> running = new ArrayList<>();
    for (InFlight attempt : inFlight.all()) {
      if (!attempt.settled()) {
        running.add(attempt);
      }
    }
    if (running.isEmpty()) {
      return 0;
    }
    Set<AttemptKey> held = new HashSet<>(store.nodes().runningAttempts(node));
    List<InFlight> released = new ArrayList<>();
    for (InFlight attempt : running) {
      if (!held.contains(new AttemptKey(attempt.runId(), attempt.claimed.attempt()))) {
        released.add(attempt);
      }
    }
    if (released.isEmpty()) {
      return 0;
    }
    List<String> stopped =
        stops.cancelWith(
            () -> {
              // Under the claim turn: only the very attempts found, not a newer claim of a Run.
              List<String> runIds = new ArrayList<>();
              for (InFlight attempt : released) {
                if (inFlight.get(attempt.runId()) == attempt && !attempt.settled()) {
                  runIds.add(attempt.runId());
                }
              }
              return runIds;
            });
    if (!stopped.isEmpty()) {
      LOG.info("stopped {} attempts this node no longer holds", stopped.size());
      events.canceled(stopped);
    }
    return stopped.size();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
