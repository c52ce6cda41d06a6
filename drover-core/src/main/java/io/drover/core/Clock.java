package io.drover.core;

import java.time.Instant;

/** The only source of time in the engine; tests inject a settable one. */
@FunctionalInterface
public interface Clock {

  Instant now();

  static Clock system() {
    return Instant::now;
  }
}
