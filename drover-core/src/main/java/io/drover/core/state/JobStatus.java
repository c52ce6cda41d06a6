package io.drover.core.state;

/** A Job is ACTIVE (it fires and can be triggered) or PAUSED; see {@link Transitions}. */
public enum JobStatus {
  ACTIVE,
  PAUSED;

  public boolean canBecome(JobStatus next) {
    return Transitions.allowed(this, next);
  }
}
