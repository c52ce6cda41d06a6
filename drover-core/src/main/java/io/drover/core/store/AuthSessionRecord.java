package io.drover.core.store;

import io.drover.core.auth.AuthSession;
import java.util.Objects;

/**
 * An AuthSession as stored: what may be shown of it, and its secrets sealed by the server's {@code
 * SecretBox} (credentials of a CREDENTIALS session; the Playwright storage state once made or
 * uploaded). {@code generation} grows by one each time the state is replaced, so an attempt that
 * found a state invalid can tell whether someone already replaced it. {@code lastLogJson} holds the
 * log lines of the last create (a JSON array, credentials blanked), or null.
 */
public record AuthSessionRecord(
    AuthSession session,
    String credentialsSealed,
    String stateSealed,
    long generation,
    String lastLogJson) {

  public AuthSessionRecord {
    Objects.requireNonNull(session, "session");
  }

  public String project() {
    return session.project();
  }

  public String id() {
    return session.id();
  }
}
