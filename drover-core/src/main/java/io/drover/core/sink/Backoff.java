package io.drover.core.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When a delivery is tried again: 15 tries over about a day (the delays below add up to 24 h 48 m),
 * each delay spread by up to ±20% so receivers that came back are not hit all at once. A receiver's
 * {@code Retry-After} replaces the delay (at most a day).
 */
final class Backoff {
  static final List<Duration> DELAYS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(4),
          Duration.ofHours(5),
          Duration.ofHours(6));
  static final int MAXIMUM_TRIES = DELAYS.size() + 1;
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

  private final RandomGenerator random;

  Backoff(RandomGenerator random) {
    this.random = random;
  }

  /** After the {@code tries}-th failed try: when to try again, or null when it has FAILED. */
  Instant next(int tries, Instant now, Duration retryAfter) {
    if (tries >= MAXIMUM_TRIES) {
      return null;
    }
    if (retryAfter != null) {
      return now.plus(
          retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter);
    }
    long millis = DELAYS.get(tries - 1).toMillis();
    long spread = (long) (millis * 0.2 * (random.nextDouble() * 2 - 1));
    return now.plusMillis(millis + spread);
  }
}
