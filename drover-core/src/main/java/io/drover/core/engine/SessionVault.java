package io.drover.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.auth.AuthInvalidException;
import io.drover.core.auth.AuthSession;
import io.drover.core.auth.AuthSessionType;
import io.drover.core.auth.Scrubber;
import io.drover.core.auth.StorageStates;
import io.drover.core.secret.SecretBox;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.store.AuthSessionRecord;
import io.drover.core.store.AuthSessionStore;
import io.drover.core.store.ConflictException;
import io.drover.core.store.NotFoundException;
import io.drover.sdk.JsonParameters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@link AuthSessions} (what users do) and {@link SessionLeases} (what attempts do) share: the
 * store, the sealing of secrets, one lock per session and the states opened for the browser, by
 * generation.
 */
final class SessionVault {
  private static final String CREDENTIALS = "auth-session credentials";
  private static final String STATE = "auth-session state";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuthSessionStore store;
  private final SecretBox secrets;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, SessionLeases.Lease> opened = new ConcurrentHashMap<>();

  SessionVault(AuthSessionStore store, SecretBox secrets, Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
  }

  AuthSessionStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  String sealState(String state) {
    return secrets.seal(state, STATE);
  }

  /** The session as stored, if it is still at {@code generation}; null when gone or moved on. */
  AuthSessionRecord at(String project, String id, long generation) {
    return store
        .findAuthSession(project, id)
        .filter(record -> record.generation() == generation)
        .orElse(null);
  }

  void forget(String project, String id) {
    opened.remove(key(project, id));
  }

  interface Work<T> {
    T run();
  }

  SessionLeases.Lease open(AuthSessionRecord record) {
    String key = key(record.project(), record.id());
    SessionLeases.Lease cached = opened.get(key);
    if (cached != null && cached.generation() == record.generation()) {
      return cached;
    }
    String state =
        record.stateSealed() == null ? null : secrets.openText(record.stateSealed(), STATE);
    SessionLeases.Lease lease =
        new SessionLeases.Lease(
            record.project(),
            record.id(),
            record.session().type(),
            record.generation(),
            state,
            state == null ? Scrubber.NONE : new Scrubber(StorageStates.secretValues(state)));
    opened.put(key, lease);
    return lease;
  }

  String sealCredentials(JsonParameters credentials) {
    try {
      return secrets.seal(JSON.writeValueAsString(credentials), CREDENTIALS);
    } catch (Exception e) {
      throw new IllegalArgumentException("credentials: expected a JSON object", e);
    }
  }

  JsonParameters openCredentials(AuthSessionRecord record) {
    try {
      return JSON.readValue(
          secrets.openText(record.credentialsSealed(), CREDENTIALS), JsonParameters.class);
    } catch (Exception e) {
      throw new AuthInvalidException(
          record.project(),
          record.id(),
          "its credentials cannot be opened with this server's key (was DROVER_SECRET_KEY or"
              + " secret.key changed?); set them again: PUT .../credentials");
    }
  }

  AuthSessionRecord require(String project, String id) {
    return store
        .findAuthSession(project, id)
        .orElseThrow(
            () -> new NotFoundException("project " + project + " has no AuthSession '" + id + "'"));
  }

  void update(AuthSessionRecord next, long expectedGeneration) {
    if (!store.updateAuthSession(next, expectedGeneration)) {
      throw new ConflictException(
          "AuthSession '" + next.id() + "' changed meanwhile (or was deleted); try again");
    }
  }

  static AuthSessionRecord with(AuthSessionRecord record, AuthSession session) {
    return new AuthSessionRecord(
        session,
        record.credentialsSealed(),
        record.stateSealed(),
        record.generation(),
        record.lastLogJson());
  }

  <T> T locked(String project, String id, Work<T> work) {
    ReentrantLock lock = lockOf(project, id);
    lock.lock();
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  ReentrantLock lockOf(String project, String id) {
    return locks.computeIfAbsent(key(project, id), k -> new ReentrantLock());
  }

  static String key(String project, String id) {
    return project + "\n" + id;
  }

  static AuthSession pending(AuthSession session, String error) {
    return session.status() == AuthSessionStatus.PENDING
        ? session
        : session.becomes(AuthSessionStatus.PENDING, error);
  }

  static String failedText(AuthSession session) {
    return "it is FAILED ("
        + session.lastError()
        + "); "
        + (session.type() == AuthSessionType.CREDENTIALS
            ? "fix its credentials: PUT /api/v1/projects/"
                + session.project()
                + "/auth-sessions/"
                + session.id()
                + "/credentials"
            : replaceText(session));
  }

  static String expiredRecorderText(AuthSession session) {
    return "its recorded browser state is no longer logged in (the check said false) and a"
        + " RECORDER session cannot log in again; "
        + replaceText(session);
  }

  static String replaceText(AuthSession session) {
    return "it must be replaced: upload a new storage state with PUT /api/v1/projects/"
        + session.project()
        + "/auth-sessions/"
        + session.id()
        + "/storage-state";
  }
}
