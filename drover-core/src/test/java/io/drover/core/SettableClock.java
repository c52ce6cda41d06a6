package io.drover.core;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand. */
public final class SettableClock implements Clock {
  private volatile Instant now;

  public SettableClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  public void set(Instant instant) {
    now = instant;
  }
}
