package io.drover.core.artifact;

import io.drover.core.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the artifacts of attempts older than the retention period: once at start, then every
 * {@code interval}. A zero retention keeps everything.
 */
public final class ArtifactRetention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactRetention.class);
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  private final ArtifactStore artifacts;
  private final Clock clock;
  private final Duration retention;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "drover-artifact-retention");
            thread.setDaemon(true);
            return thread;
          });

  public ArtifactRetention(ArtifactStore artifacts, Clock clock, Duration retention) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException(
          "artifact retention = " + retention + ": expected zero (keep forever) or more");
    }
    this.artifacts = artifacts;
    this.clock = clock;
    this.retention = retention;
  }

  public ArtifactRetention start(Duration interval) {
    if (!retention.isZero()) {
      timer.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Deletes what is past retention now; returns how many attempts lost their artifacts. */
  public int sweep() {
    if (retention.isZero()) {
      return 0;
    }
    try {
      int deleted = artifacts.deleteOlderThan(clock.now().minus(retention));
      if (deleted > 0) {
        LOG.info(
            "deleted the artifacts of {} attempts older than {} days", deleted, retention.toDays());
      }
      return deleted;
    } catch (Exception e) {
      LOG.warn("could not delete old artifacts; trying again later", e);
      return 0;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
