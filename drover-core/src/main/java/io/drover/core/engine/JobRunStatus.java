package io.drover.core.engine;

import java.util.Map;
import java.util.Set;

/** JobRun states and the transitions allowed between them. */
public enum JobRunStatus {
  RUNNING,
  PAUSED,
  COMPLETED,
  TERMINATED,
  CANCELED;

  private static final Map<JobRunStatus, Set<JobRunStatus>> ALLOWED =
      Map.of(
          RUNNING, Set.of(PAUSED, COMPLETED, TERMINATED, CANCELED),
          PAUSED, Set.of(RUNNING, TERMINATED, CANCELED),
          COMPLETED, Set.of(),
          TERMINATED, Set.of(),
          CANCELED, Set.of());

  public boolean canBecome(JobRunStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  /** RUNNING and PAUSED JobRuns are active: a Job has at most one. */
  public boolean active() {
    return this == RUNNING || this == PAUSED;
  }
}
