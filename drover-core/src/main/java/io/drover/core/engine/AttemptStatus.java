package io.drover.core.engine;

/** Attempt states. An attempt starts RUNNING and ends exactly once in one of the others. */
public enum AttemptStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED,
  ABANDONED;

  /** Whether an attempt that ended this way uses up one of the Run's maximumAttempts. */
  public boolean countsTowardsMaximum() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT;
  }
}
