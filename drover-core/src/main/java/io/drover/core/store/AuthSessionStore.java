package io.drover.core.store;

import io.drover.core.auth.AuthSession;
import java.util.List;
import java.util.Optional;

/** The AuthSessions of every Project, their secrets sealed (the store never sees plaintext). */
public interface AuthSessionStore {

  /** Saves a new session; one with the same project and id is a ConflictException. */
  void saveAuthSession(AuthSessionRecord session);

  Optional<AuthSessionRecord> findAuthSession(String project, String id);

  /** The Project's sessions by id, without their secrets. */
  List<AuthSession> listAuthSessions(String project);

  /**
   * Replaces every field of the session if its stored generation is still {@code
   * expectedGeneration}; false when the session is gone or its generation moved on.
   */
  boolean updateAuthSession(AuthSessionRecord next, long expectedGeneration);

  /** False if there was no such session. */
  boolean deleteAuthSession(String project, String id);
}
