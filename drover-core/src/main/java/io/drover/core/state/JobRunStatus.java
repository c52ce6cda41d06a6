package io.drover.core.state;

/** JobRun states; the allowed changes are in {@link Transitions}. */
public enum JobRunStatus {
  RUNNING,
  PAUSED,
  COMPLETED,
  TERMINATED,
  CANCELED;

  public boolean canBecome(JobRunStatus next) {
    return Transitions.allowed(this, next);
  }

  /** RUNNING and PAUSED JobRuns are active: a Job has at most one. */
  public boolean active() {
    return !Transitions.isFinal(this);
  }
}
