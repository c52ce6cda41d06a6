package io.drover.core.sink;

import io.drover.core.Clock;
import io.drover.core.engine.EngineEvents;
import io.drover.core.engine.EngineLoop;
import io.drover.core.job.SealedSinks;
import io.drover.core.job.SinkConfig;
import io.drover.core.secret.SecretBox;
import io.drover.core.state.DeliveryStatus;
import io.drover.core.store.DeliveryStore;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.DueDelivery;
import io.drover.core.store.TriedDelivery;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries to their sinks and records every try. At most {@code inFlight} deliveries
 * are held at once (claimed and not yet recorded) and at most {@code perTarget} are being sent to
 * one receiver (scheme, host and port); the others claimed for that receiver wait in memory for one
 * of its sends to end, so a slow receiver holds up only its own deliveries. Sends run on the
 * deliverer's threads; their tries are recorded by the loop in groups, one store transaction per
 * group, as the engine commits its outcomes. Neither the engine nor the HTTP API waits for them.
 */
public final class Deliverer implements EngineLoop {
  public static final int DEFAULT_IN_FLIGHT = 256;
  public static final int DEFAULT_PER_TARGET = 16;
  public static final Duration DEFAULT_POLL = Duration.ofMillis(100);
  private static final int OPEN_SINKS_KEPT = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

  /** A receiver: how many sends to it are out, and the claimed deliveries waiting for one. */
  private static final class Target {
    int sending;
    final Queue<Queued> waiting = new ArrayDeque<>();
  }

  private record Queued(DueDelivery delivery, SinkConfig sink) {}

  /** A try made, to record: {@code last} when no retry may follow. */
  private record Tried(
      DueDelivery delivery, Instant started, Instant ended, TryResult result, boolean last) {}

  private final DeliveryStore store;
  private final EngineEvents events;
  private final Clock clock;
  private final SecretBox secrets;
  private final String node;
  private final Backoff backoff;
  private final int inFlightLimit;
  private final int perTarget;
  private final ExecutorService executor;
  private final WebhookSender webhook;
  private final S3Sender s3;
  // Claimed and not yet recorded; of those, not yet sent (sending or waiting for their receiver).
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger unsent = new AtomicInteger();
  private final Map<String, Target> targets = new ConcurrentHashMap<>();
  private final Queue<Tried> tried = new ConcurrentLinkedQueue<>();
  private final Map<SinkConfig, SinkConfig> openSinks = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  private volatile boolean closed;
  private Thread loop;

  public Deliverer(
      DeliveryStore store,
      Clock clock,
      String node,
      SecretBox secrets,
      RandomGenerator random,
      int inFlight,
      int perTarget) {
    this(store, clock, node, secrets, random, inFlight, perTarget, EngineEvents.all(List.of()));
  }

  /** As above, telling {@code events} of every try ({@link EngineEvents#delivered}). */
  public Deliverer(
      DeliveryStore store,
      Clock clock,
      String node,
      SecretBox secrets,
      RandomGenerator random,
      int inFlight,
      int perTarget,
      EngineEvents events) {
    if (inFlight < 1 || perTarget < 1) {
      throw new IllegalArgumentException(
          "inFlight " + inFlight + ", perTarget " + perTarget + ": expected at least 1 each");
    }
    this.store = store;
    this.events = events;
    this.secrets = secrets;
    this.clock = clock;
    this.node = node;
    this.backoff = new Backoff(random);
    this.inFlightLimit = inFlight;
    this.perTarget = perTarget;
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "drover-deliverer-http");
              thread.setDaemon(true);
              return thread;
            });
    this.webhook = new WebhookSender(clock, executor);
    this.s3 = new S3Sender(executor, webhook::retryAfter);
  }

  /** The loop for {@code EngineBuilder.loop}, with the default limits. */
  public static EngineLoop.Factory factory() {
    return parts ->
        new Deliverer(
            parts.store().deliveries(),
            parts.clock(),
            parts.node().id(),
            parts.secrets(),
            new SplittableRandom(),
            DEFAULT_IN_FLIGHT,
            DEFAULT_PER_TARGET,
            parts.events());
  }

  /**
   * One step: claims the due deliveries there is room for, sends them (those of a busy receiver as
   * its earlier sends end), waits for their tries and records them. Returns how many it claimed.
   */
  public int deliverDue() {
    int claimed = claimAndSend();
    synchronized (wake) {
      while (unsent.get() > 0) {
        try {
          wake.wait(DEFAULT_POLL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    recordTried();
    return claimed;
  }

  /** Deliveries held now (claimed, their try not yet recorded). */
  public int inFlight() {
    return held.get();
  }

  /** Claims as many due deliveries as there is room for and starts or queues their sends. */
  private int claimAndSend() {
    int room = inFlightLimit - held.get();
    if (room <= 0) {
      return 0;
    }
    List<DueDelivery> due = store.claimDue(node, room, clock.now());
    held.addAndGet(due.size());
    for (DueDelivery delivery : due) {
      SinkConfig sink = opened(delivery.sink());
      if (sink == null) {
        Instant now = clock.now();
        TryResult gone = new TryResult(null, "the JobRun's sink is gone", null);
        tried.add(new Tried(delivery, now, now, gone, true));
        continue;
      }
      unsent.incrementAndGet();
      Target target = targets.computeIfAbsent(targetOf(sink), key -> new Target());
      Queued queued = new Queued(delivery, sink);
      boolean now;
      synchronized (target) {
        now = target.sending < perTarget;
        if (now) {
          target.sending++;
        } else {
          target.waiting.add(queued); // sent as one of this receiver's sends ends
        }
      }
      if (now) {
        send(target, queued);
      }
    }
    return due.size();
  }

  /** The sink with its secrets opened, once per distinct sealed sink (they never change). */
  private SinkConfig opened(SinkConfig sealed) {
    if (sealed == null) {
      return null;
    }
    SinkConfig known = openSinks.get(sealed);
    if (known == null) {
      if (openSinks.size() >= OPEN_SINKS_KEPT) {
        openSinks.clear();
      }
      known = SealedSinks.open(sealed, secrets);
      openSinks.put(sealed, known);
    }
    return known;
  }

  private void send(Target target, Queued queued) {
    Instant started = clock.now();
    sendTo(queued.sink(), queued.delivery())
        .whenComplete(
            (result, failure) -> {
              if (failure != null && closed) {
                unsent.decrementAndGet(); // stopped by close: still held, handed back on leaving
                return;
              }
              if (failure != null) {
                LOG.warn("delivery {}: its send failed", queued.delivery().id(), failure);
                result =
                    new TryResult(null, "send failed: " + failure.getClass().getSimpleName(), null);
              }
              tried.add(new Tried(queued.delivery(), started, clock.now(), result, false));
              Queued next;
              synchronized (target) {
                next = target.waiting.poll();
                if (next == null) {
                  target.sending--;
                }
              }
              unsent.decrementAndGet();
              if (next != null && !closed) {
                send(target, next);
              }
              synchronized (wake) {
                wake.notifyAll();
              }
            });
  }

  /** Records every try made since the last call, in one store transaction. */
  private int recordTried() {
    List<Tried> batch = new ArrayList<>();
    for (Tried t = tried.poll(); t != null; t = tried.poll()) {
      batch.add(t);
    }
    if (batch.isEmpty()) {
      return 0;
    }
    Instant now = clock.now();
    List<TriedDelivery> records = new ArrayList<>(batch.size());
    for (Tried t : batch) {
      TryResult result = t.result();
      int tries = t.delivery().tries() + 1;
      Instant retryAt =
          result.delivered() || t.last() ? null : backoff.next(tries, now, result.retryAfter());
      DeliveryTry attempt =
          new DeliveryTry(
              tries,
              t.started(),
              Math.max(0, Duration.between(t.started(), t.ended()).toMillis()),
              result.statusCode(),
              result.error());
      records.add(new TriedDelivery(t.delivery().id(), attempt, result.delivered(), retryAt));
    }
    List<Boolean> recorded;
    try {
      recorded = store.recordTries(node, records);
    } catch (RuntimeException e) {
      tried.addAll(batch); // kept for the next round: the deliveries stay held by this node
      throw e;
    }
    held.addAndGet(-batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Tried t = batch.get(i);
      TriedDelivery record = records.get(i);
      if (!recorded.get(i)) {
        LOG.info(
            "delivery {}: no longer held by this node, its try is dropped", record.deliveryId());
        continue;
      }
      DeliveryStatus status =
          record.delivered()
              ? DeliveryStatus.DELIVERED
              : record.retryAt() == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
      Duration delay =
          t.delivery().createdAt() == null
              ? Duration.ZERO
              : Duration.between(t.delivery().createdAt(), t.started());
      events.delivered(t.delivery().project(), status.name(), delay);
    }
    return batch.size();
  }

  private CompletableFuture<TryResult> sendTo(SinkConfig sink, DueDelivery delivery) {
    if (sink instanceof SinkConfig.Webhook hook) {
      return webhook.send(hook, delivery.id(), delivery.bodyJson());
    }
    return s3.send((SinkConfig.S3) sink, delivery);
  }

  /** The receiver a delivery counts against: a webhook's origin, an S3 endpoint and bucket. */
  private static String targetOf(SinkConfig sink) {
    if (sink instanceof SinkConfig.Webhook hook) {
      URI uri = URI.create(hook.url());
      return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
    return S3Sender.targetOf((SinkConfig.S3) sink);
  }

  @Override
  public synchronized void start() {
    if (loop != null) {
      return;
    }
    loop = new Thread(this::run, "drover-deliverer");
    loop.setDaemon(true);
    loop.start();
  }

  private void run() {
    while (!closed) {
      try {
        int recorded = recordTried();
        int claimed = claimAndSend();
        if (recorded == 0 && claimed == 0) {
          synchronized (wake) {
            if (tried.isEmpty()) {
              wake.wait(DEFAULT_POLL.toMillis());
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("deliverer: {}", e.getMessage());
        try {
          Thread.sleep(DEFAULT_POLL.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread running;
    synchronized (this) {
      running = loop;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      recordTried(); // what was tried before the loop stopped
    } catch (RuntimeException e) {
      LOG.info(
          "deliverer: the last tries were not recorded ({}); they will be sent again",
          e.getMessage());
    }
    // Sends still out stay held by this node: leaving the node hands them back.
    executor.shutdownNow();
    s3.close();
  }
}
