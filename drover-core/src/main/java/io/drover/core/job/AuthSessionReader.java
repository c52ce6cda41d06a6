package io.drover.core.job;

import java.util.List;

/**
 * Reads {@code authSession} (or {@code auth_session}): {@code {"id", "checkAttempts"?,
 * "createAttempts"?}}.
 */
final class AuthSessionReader {
  static final int MAX_ATTEMPTS = 10;
  private static final List<String> FIELDS = List.of("id", "checkAttempts", "createAttempts");

  private AuthSessionReader() {}

  static AuthSessionRef read(Section session) {
    session.allowOnly(FIELDS);
    String id = JobConfigParser.id(session);
    int checkAttempts =
        session.integer("checkAttempts", 1, MAX_ATTEMPTS, AuthSessionRef.DEFAULT_CHECK_ATTEMPTS);
    int createAttempts =
        session.integer("createAttempts", 1, MAX_ATTEMPTS, AuthSessionRef.DEFAULT_CREATE_ATTEMPTS);
    return new AuthSessionRef(id, checkAttempts, createAttempts);
  }
}
