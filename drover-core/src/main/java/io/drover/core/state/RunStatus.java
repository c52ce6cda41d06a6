package io.drover.core.state;

/** Run states; the allowed changes are in {@link Transitions}. */
public enum RunStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELED;

  public boolean canBecome(RunStatus next) {
    return Transitions.allowed(this, next);
  }

  public boolean ended() {
    return Transitions.isFinal(this);
  }
}
