package io.drover.core.sink;

import io.drover.core.Clock;
import io.drover.core.engine.EngineLoop;
import io.drover.core.job.SealedSinks;
import io.drover.core.job.SinkConfig;
import io.drover.core.secret.SecretBox;
import io.drover.core.store.DeliveryStore;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.DueDelivery;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries to their sinks and records every try. At most {@code inFlight} deliveries
 * are held at once and at most {@code perTarget} per receiver (a webhook's scheme, host and port;
 * an S3 sink's endpoint and bucket): a delivery claimed for a receiver that is already that busy is
 * handed back untried for a second later, so one slow receiver cannot take the room of the others.
 * Sends are asynchronous; neither the engine nor the HTTP API waits for them.
 */
public final class Deliverer implements EngineLoop {
  public static final int DEFAULT_IN_FLIGHT = 256;
  public static final int DEFAULT_PER_TARGET = 32;
  public static final Duration DEFAULT_POLL = Duration.ofMillis(100);
  static final Duration BUSY_TARGET_DELAY = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

  private final DeliveryStore store;
  private final Clock clock;
  private final SecretBox secrets;
  private final String node;
  private final Backoff backoff;
  private final int inFlightLimit;
  private final int perTarget;
  private final ExecutorService executor;
  private final WebhookSender webhook;
  private final S3Sender s3;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> targets = new ConcurrentHashMap<>();
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
    if (inFlight < 1 || perTarget < 1) {
      throw new IllegalArgumentException(
          "inFlight " + inFlight + ", perTarget " + perTarget + ": expected at least 1 each");
    }
    this.store = store;
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
            DEFAULT_PER_TARGET);
  }

  /** One step: claims the due deliveries there is room for, sends them, waits for their tries. */
  public int deliverDue() {
    List<CompletableFuture<Void>> sends = startDue();
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    return sends.size();
  }

  /** Deliveries held now (claimed, not yet recorded). */
  public int inFlight() {
    return inFlight.get();
  }

  private List<CompletableFuture<Void>> startDue() {
    int room = inFlightLimit - inFlight.get();
    if (room <= 0) {
      return List.of();
    }
    List<DueDelivery> due = store.claimDue(node, room, clock.now());
    List<CompletableFuture<Void>> sends = new ArrayList<>(due.size());
    for (DueDelivery delivery : due) {
      CompletableFuture<Void> send = start(delivery);
      if (send != null) {
        sends.add(send);
      }
    }
    return sends;
  }

  private CompletableFuture<Void> start(DueDelivery delivery) {
    Instant started = clock.now();
    SinkConfig sink = SealedSinks.open(delivery.sink(), secrets);
    if (sink == null) {
      record(delivery, started, new TryResult(null, "the JobRun's sink is gone", null), true);
      return null;
    }
    AtomicInteger target = targets.computeIfAbsent(targetOf(sink), key -> new AtomicInteger());
    if (target.incrementAndGet() > perTarget) {
      target.decrementAndGet();
      store.release(node, delivery.id(), started.plus(BUSY_TARGET_DELAY));
      return null;
    }
    inFlight.incrementAndGet();
    return send(sink, delivery)
        .thenAccept(result -> record(delivery, started, result, false))
        .whenComplete(
            (done, failure) -> {
              target.decrementAndGet();
              inFlight.decrementAndGet();
              if (failure != null) {
                LOG.warn("delivery {}: its try was not recorded", delivery.id(), failure);
              }
              synchronized (wake) {
                wake.notifyAll();
              }
            });
  }

  private void record(DueDelivery delivery, Instant started, TryResult result, boolean last) {
    Instant now = clock.now();
    int tries = delivery.tries() + 1;
    Instant retryAt =
        result.delivered() || last ? null : backoff.next(tries, now, result.retryAfter());
    DeliveryTry attempt =
        new DeliveryTry(
            tries,
            started,
            Math.max(0, Duration.between(started, now).toMillis()),
            result.statusCode(),
            result.error());
    if (!store.recordTry(node, delivery.id(), attempt, result.delivered(), retryAt)) {
      LOG.info("delivery {}: no longer held by this node, its try is dropped", delivery.id());
    }
  }

  private CompletableFuture<TryResult> send(SinkConfig sink, DueDelivery delivery) {
    if (sink instanceof SinkConfig.Webhook hook) {
      return webhook.send(hook, delivery.id(), delivery.bodyJson());
    }
    return s3.send((SinkConfig.S3) sink, delivery);
  }

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
        int started = startDue().size();
        if (started == 0) {
          synchronized (wake) {
            wake.wait(DEFAULT_POLL.toMillis());
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
    // Sends still out stay held by this node: leaving the node hands them back.
    executor.shutdownNow();
    s3.close();
  }
}
