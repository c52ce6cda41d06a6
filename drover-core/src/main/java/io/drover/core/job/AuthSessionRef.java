package io.drover.core.job;

/** The AuthSession every Run of a Job's JobRuns uses. */
public record AuthSessionRef(String id, int checkAttempts, int createAttempts) {

  public static final int DEFAULT_CHECK_ATTEMPTS = 3;
  public static final int DEFAULT_CREATE_ATTEMPTS = 3;
}
