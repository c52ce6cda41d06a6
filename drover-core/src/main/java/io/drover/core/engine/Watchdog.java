package io.drover.core.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks attempt deadlines at a fixed interval and stops overdue attempts. */
final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "drover-watchdog");
            thread.setDaemon(true);
            return thread;
          });
  private final Stops stops;
  private final Duration interval;

  Watchdog(Stops stops, Duration interval) {
    this.stops = stops;
    this.interval = interval;
  }

  void start() {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      stops.stopOverdue();
    } catch (RuntimeException e) {
      LOG.error("deadline check failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
