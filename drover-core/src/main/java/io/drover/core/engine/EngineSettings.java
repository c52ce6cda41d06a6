package io.drover.core.engine;

import java.time.Duration;

/**
 * How the engine runs work. {@code slots} is the server's capacity (attempts executing at once,
 * shared fairly by all JobRuns); {@code defaultConcurrency} is a Job's maximumConcurrentRequests
 * when its document leaves it out.
 */
public record EngineSettings(
    int slots,
    int defaultConcurrency,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    Duration pollInterval,
    Duration watchdogInterval,
    int maxResultBytes,
    int maxLogLinesPerAttempt) {

  public static final int DEFAULT_SLOTS = 8;
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_WATCHDOG_INTERVAL = Duration.ofMillis(250);
  public static final int MAX_RESULT_BYTES = 2 * 1024 * 1024;
  public static final int DEFAULT_MAX_LOG_LINES = 10_000;

  public EngineSettings {
    require(slots >= 1 && slots <= 10_000, "slots", slots, "1 to 10000");
    require(
        defaultConcurrency >= 1 && defaultConcurrency <= 1000,
        "defaultConcurrency",
        defaultConcurrency,
        "1 to 1000");
    require(!retryBackoff.isNegative(), "retryBackoff", retryBackoff, "zero or more");
    require(
        maxRetryBackoff.compareTo(retryBackoff) >= 0,
        "maxRetryBackoff",
        maxRetryBackoff,
        "at least retryBackoff (" + retryBackoff + ")");
    require(
        !pollInterval.isNegative() && !pollInterval.isZero(),
        "pollInterval",
        pollInterval,
        "more than zero");
    require(
        !watchdogInterval.isNegative() && !watchdogInterval.isZero(),
        "watchdogInterval",
        watchdogInterval,
        "more than zero");
    require(maxResultBytes > 0, "maxResultBytes", maxResultBytes, "more than zero");
    require(
        maxLogLinesPerAttempt > 0,
        "maxLogLinesPerAttempt",
        maxLogLinesPerAttempt,
        "more than zero");
  }

  public static EngineSettings defaults() {
    return new EngineSettings(
        DEFAULT_SLOTS,
        DEFAULT_CONCURRENCY,
        DEFAULT_RETRY_BACKOFF,
        DEFAULT_MAX_RETRY_BACKOFF,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_WATCHDOG_INTERVAL,
        MAX_RESULT_BYTES,
        DEFAULT_MAX_LOG_LINES);
  }

  public EngineSettings withSlots(int value) {
    return new EngineSettings(
        value,
        defaultConcurrency,
        retryBackoff,
        maxRetryBackoff,
        pollInterval,
        watchdogInterval,
        maxResultBytes,
        maxLogLinesPerAttempt);
  }

  public EngineSettings withDefaultConcurrency(int value) {
    return new EngineSettings(
        slots,
        value,
        retryBackoff,
        maxRetryBackoff,
        pollInterval,
        watchdogInterval,
        maxResultBytes,
        maxLogLinesPerAttempt);
  }

  public EngineSettings withRetryBackoff(Duration first, Duration max) {
    return new EngineSettings(
        slots,
        defaultConcurrency,
        first,
        max,
        pollInterval,
        watchdogInterval,
        maxResultBytes,
        maxLogLinesPerAttempt);
  }

  /**
   * The wait before retry number {@code failedAttempts} (1 = after the first failure): doubling,
   * capped.
   */
  public Duration backoffAfter(int failedAttempts) {
    Duration wait = retryBackoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxRetryBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
  }

  private static void require(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "engine setting " + field + " = " + value + ": expected " + expected);
    }
  }
}
