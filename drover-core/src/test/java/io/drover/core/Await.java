package io.drover.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in a test for a condition that another thread makes true: an event, with a deadline. */
public final class Await {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} after 30 s. */
  public static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not met within " + LIMIT.toSeconds() + " s: " + what);
      }
      Thread.sleep(10);
    }
  }
}
