package io.drover.core.engine;

import java.util.Map;
import java.util.Set;

/** Run states and the transitions allowed between them. */
public enum RunStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELED;

  private static final Map<RunStatus, Set<RunStatus>> ALLOWED =
      Map.of(
          PENDING, Set.of(RUNNING, CANCELED),
          // back to PENDING on retry, pause or an abandoned attempt
          RUNNING, Set.of(PENDING, COMPLETED, FAILED, CANCELED),
          COMPLETED, Set.of(),
          FAILED, Set.of(),
          CANCELED, Set.of());

  public boolean canBecome(RunStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  public boolean ended() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }
}
