package io.drover.core.state;

/**
 * Attempt states. An attempt starts RUNNING and ends exactly once in one of the others (see {@link
 * Transitions}).
 */
public enum AttemptStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED,
  ABANDONED;

  public boolean canBecome(AttemptStatus next) {
    return Transitions.allowed(this, next);
  }

  /** Whether an attempt that ended this way uses up one of the Run's maximumAttempts. */
  public boolean countsTowardsMaximum() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT;
  }
}
