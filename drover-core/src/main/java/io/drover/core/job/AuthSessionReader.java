package io.drover.core.job;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code authSession} (or {@code auth_session}): {@code {"id", "checkAttempts"?,
 * "createAttempts"?}}.
 */
final class AuthSessionReader {
  static final int MAX_ATTEMPTS = 10;
  private static final List<String> FIELDS = List.of("id", "checkAttempts", "createAttempts");

  private AuthSessionReader() {}

  static AuthSessionRef read(Section session, Function<String, Optional<String>> refusal) {
    session.allowOnly(FIELDS);
    String id = JobConfigParser.id(session);
    int checkAttempts =
        session.integer("checkAttempts", 1, MAX_ATTEMPTS, AuthSessionRef.DEFAULT_CHECK_ATTEMPTS);
    int createAttempts =
        session.integer("createAttempts", 1, MAX_ATTEMPTS, AuthSessionRef.DEFAULT_CREATE_ATTEMPTS);
    if (id != null) {
      // after the section's own checks, so a malformed section is reported as such first
      refusal.apply(id).ifPresent(expected -> session.problem("id", session.get("id"), expected));
    }
    return new AuthSessionRef(id, checkAttempts, createAttempts);
  }
}
