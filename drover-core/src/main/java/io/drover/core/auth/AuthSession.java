package io.drover.core.auth;

import io.drover.core.state.AuthSessionStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What may be shown of an AuthSession: never its credentials nor its browser state, which are
 * secrets kept apart (encrypted). Status changes go through {@link #becomes}, checked against
 * {@link io.drover.core.state.Transitions}.
 */
public record AuthSession(
    String project,
    String id,
    AuthSessionType type,
    AuthSessionStatus status,
    Instant createdAt,
    Instant lastCheckedAt,
    Instant lastCreatedAt,
    String lastError) {

  public AuthSession {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * This session in {@code next}, with {@code error} as its last error ({@code null} clears it).
   *
   * @throws IllegalStateException when the table does not allow the change
   */
  public AuthSession becomes(AuthSessionStatus next, String error) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException(
          "AuthSession '" + id + "' cannot go from " + status + " to " + next);
    }
    return new AuthSession(project, id, type, next, createdAt, lastCheckedAt, lastCreatedAt, error);
  }

  /** This session, last checked at {@code at}. */
  public AuthSession checkedAt(Instant at) {
    return new AuthSession(project, id, type, status, createdAt, at, lastCreatedAt, lastError);
  }

  /** This session, last (re-)created at {@code at}. */
  public AuthSession createdAgainAt(Instant at) {
    return new AuthSession(project, id, type, status, createdAt, lastCheckedAt, at, lastError);
  }
}
