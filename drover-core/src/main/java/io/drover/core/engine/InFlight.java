package io.drover.core.engine;

import io.drover.core.store.ClaimedAttempt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An attempt this engine is executing. It is settled exactly once — by its worker when the API
 * returns, by the watchdog at its deadline, or by a pause/terminate — and the first to settle
 * decides its outcome; later arrivals are ignored.
 */
final class InFlight {
  final ClaimedAttempt claimed;
  final AttemptContext context;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile Thread thread;
  private volatile boolean returned;

  InFlight(ClaimedAttempt claimed, AttemptContext context) {
    this.claimed = claimed;
    this.context = context;
  }

  String runId() {
    return claimed.run().id();
  }

  String jobRunId() {
    return claimed.run().jobRunId();
  }

  boolean settle() {
    return settled.compareAndSet(false, true);
  }

  boolean settled() {
    return settled.get();
  }

  void runningOn(Thread thread) {
    this.thread = thread;
  }

  Thread thread() {
    return thread;
  }

  /** Its API has returned (or will not run): its slot is free while its outcome is committed. */
  void apiReturned() {
    returned = true;
  }

  boolean executing() {
    return !returned;
  }
}
