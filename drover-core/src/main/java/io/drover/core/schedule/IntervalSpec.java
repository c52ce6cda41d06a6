package io.drover.core.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Fires at {@code epoch + n * every + offset} for every whole n: aligned to 1970-01-01T00:00Z, so
 * the time zone never matters. A missing {@code offset} means zero.
 */
public record IntervalSpec(Duration every, Duration offset) {

  public IntervalSpec {
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("interval every must be positive, was " + every);
    }
    offset = offset == null ? Duration.ZERO : offset;
  }

  public static IntervalSpec every(Duration every) {
    return new IntervalSpec(every, Duration.ZERO);
  }

  /** The first fire strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    Instant anchor = Instant.EPOCH.plus(offset);
    Duration sinceAnchor = Duration.between(anchor, after);
    long periods = sinceAnchor.dividedBy(every);
    if (sinceAnchor.isNegative() && !every.multipliedBy(periods).equals(sinceAnchor)) {
      periods--; // dividedBy truncates toward zero; we need the floor
    }
    return anchor.plus(every.multipliedBy(periods + 1));
  }
}
