package io.drover.core.auth;

/**
 * How an AuthSession's browser state is made: by the Project's {@code auth-sessions/create} API
 * from stored credentials, or uploaded by the user (a Playwright storage state recorded by hand).
 */
public enum AuthSessionType {
  CREDENTIALS,
  RECORDER;

  /** Only a credentials-based session can log in again when its check fails. */
  public boolean canBeRecreated() {
    return this == CREDENTIALS;
  }
}
