package io.drover.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.auth.AuthInvalidException;
import io.drover.core.auth.AuthSession;
import io.drover.core.auth.AuthSessionRefs;
import io.drover.core.auth.AuthSessionType;
import io.drover.core.auth.Scrubber;
import io.drover.core.auth.StorageStates;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.store.AuthSessionRecord;
import io.drover.core.store.AuthSessionStore;
import io.drover.core.store.ConflictException;
import io.drover.core.store.NotFoundException;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.RunLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The AuthSessions of every Project: made, uploaded, checked and re-created here, their secrets
 * sealed before they reach the store and opened only for the browser. Re-creation is serialized per
 * session: of the attempts that find a session expired at once, one logs in and the others wait for
 * it and use its state (they see its {@code generation} move on).
 */
public final class AuthSessions implements AuthSessionRefs {
  private static final String CREDENTIALS = "auth-session credentials";
  private static final String STATE = "auth-session state";

  /** How often a passing check is written down (the check itself runs on every attempt). */
  static final Duration CHECK_WRITE_INTERVAL = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuthSessionStore store;
  private final SecretBox secrets;
  private final Clock clock;
  private final ProjectRegistry projects;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, Lease> opened = new ConcurrentHashMap<>();
  private final Map<String, Instant> checkWritten = new ConcurrentHashMap<>();

  /**
   * The browser state an attempt logs in with ({@code state} null: none made yet), which generation
   * of it, and the values to blank wherever its text is kept.
   */
  public record Lease(
      String project,
      String id,
      AuthSessionType type,
      long generation,
      String state,
      Scrubber scrubber) {}

  /** One login: the new storage state, already checked. */
  @FunctionalInterface
  public interface Login {
    String logIn(JsonParameters credentials, RunLog log) throws Exception;
  }

  AuthSessions(AuthSessionStore store, SecretBox secrets, Clock clock, ProjectRegistry projects) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
    this.projects = projects;
  }

  @Override
  public Optional<String> refusal(String project, String id) {
    if (projects.authCheck(project).isEmpty()) {
      return Optional.of(
          "an AuthSession of project "
              + project
              + ", but project "
              + project
              + " has no AuthSession '"
              + id
              + "': it has no auth-sessions/check, so it can have none");
    }
    if (store.findAuthSession(project, id).isEmpty()) {
      return Optional.of(
          "an AuthSession of project "
              + project
              + ", but project "
              + project
              + " has no AuthSession '"
              + id
              + "' (create it first: POST /api/v1/projects/"
              + project
              + "/auth-sessions)");
    }
    return Optional.empty();
  }

  // ---- what users do (REST)

  /** A new CREDENTIALS session, PENDING until its first login ({@link SessionLogins}) ends. */
  public AuthSession create(String project, String id, JsonParameters credentials) {
    check(project);
    if (projects.authCreate(project).isEmpty()) {
      throw new IllegalArgumentException(
          "type = \"CREDENTIALS\": project "
              + project
              + " has no auth-sessions/create, so it can only have RECORDER sessions (upload a"
              + " storage state: PUT /api/v1/projects/"
              + project
              + "/auth-sessions/"
              + id
              + "/storage-state)");
    }
    Instant now = clock.now();
    AuthSession session =
        new AuthSession(
            project,
            id,
            AuthSessionType.CREDENTIALS,
            AuthSessionStatus.PENDING,
            now,
            null,
            null,
            null);
    store.saveAuthSession(
        new AuthSessionRecord(session, sealCredentials(credentials), null, 0, null));
    return session;
  }

  /** New credentials for a CREDENTIALS session: its state is dropped and it logs in again. */
  public AuthSession replaceCredentials(String project, String id, JsonParameters credentials) {
    return locked(
        project,
        id,
        () -> {
          AuthSessionRecord record = require(project, id);
          if (record.session().type() != AuthSessionType.CREDENTIALS) {
            throw new ConflictException(
                "AuthSession '"
                    + id
                    + "' is a RECORDER session: it has no credentials; upload a new storage state"
                    + " instead (PUT .../auth-sessions/"
                    + id
                    + "/storage-state)");
          }
          AuthSession next = pending(record.session(), null);
          update(
              new AuthSessionRecord(
                  next, sealCredentials(credentials), null, record.generation() + 1, null),
              record.generation());
          return next;
        });
  }

  /** Creates or replaces a RECORDER session with an uploaded state, PENDING until checked. */
  public AuthSession upload(String project, String id, String storageState) {
    check(project);
    String state = StorageStates.validate(storageState);
    String sealed = secrets.seal(state, STATE);
    return locked(
        project,
        id,
        () -> {
          Optional<AuthSessionRecord> existing = store.findAuthSession(project, id);
          if (existing.isEmpty()) {
            AuthSession session =
                new AuthSession(
                    project,
                    id,
                    AuthSessionType.RECORDER,
                    AuthSessionStatus.PENDING,
                    clock.now(),
                    null,
                    null,
                    null);
            store.saveAuthSession(new AuthSessionRecord(session, null, sealed, 1, null));
            return session;
          }
          AuthSessionRecord record = existing.get();
          if (record.session().type() != AuthSessionType.RECORDER) {
            throw new ConflictException(
                "AuthSession '"
                    + id
                    + "' is a CREDENTIALS session: its state is made by logging in; replace its"
                    + " credentials instead (PUT .../auth-sessions/"
                    + id
                    + "/credentials), or delete it first");
          }
          AuthSession next = pending(record.session(), null).createdAgainAt(clock.now());
          update(
              new AuthSessionRecord(next, null, sealed, record.generation() + 1, null),
              record.generation());
          return next;
        });
  }

  public Optional<AuthSession> find(String project, String id) {
    return store.findAuthSession(project, id).map(AuthSessionRecord::session);
  }

  /** The log lines of the session's last login (credentials blanked), as stored. */
  public Optional<JsonNode> lastLog(String project, String id) {
    return store
        .findAuthSession(project, id)
        .map(AuthSessionRecord::lastLogJson)
        .map(
            json -> {
              try {
                return JSON.readTree(json);
              } catch (Exception e) {
                return null;
              }
            });
  }

  public List<AuthSession> list(String project) {
    return store.listAuthSessions(project);
  }

  boolean delete(String project, String id) {
    return locked(
        project,
        id,
        () -> {
          opened.remove(key(project, id));
          return store.deleteAuthSession(project, id);
        });
  }

  // ---- what attempts do (on browser threads)

  /** The Project's check; a Project without one can have no sessions. */
  public AuthCheck check(String project) {
    return projects
        .authCheck(project)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "project "
                        + project
                        + " has no auth-sessions/check, so it can have no"
                        + " AuthSessions"));
  }

  public AuthCreate creator(String project, String id) {
    return projects
        .authCreate(project)
        .orElseThrow(
            () ->
                new AuthInvalidException(
                    project, id, "project " + project + " has no auth-sessions/create"));
  }

  /**
   * The session's state for an attempt to log in with.
   *
   * @throws AuthInvalidException when the session cannot be used as it is (gone, FAILED, an EXPIRED
   *     recorded state)
   */
  public Lease lease(String project, String id) {
    AuthSessionRecord record =
        store
            .findAuthSession(project, id)
            .orElseThrow(
                () -> new AuthInvalidException(project, id, "it does not exist (deleted?)"));
    AuthSession session = record.session();
    if (session.status() == AuthSessionStatus.FAILED) {
      throw new AuthInvalidException(project, id, failedText(session));
    }
    if (session.type() == AuthSessionType.RECORDER
        && session.status() == AuthSessionStatus.EXPIRED) {
      throw new AuthInvalidException(project, id, expiredRecorderText(session));
    }
    return open(record);
  }

  /** The check said this lease is logged in. Written at most every few seconds per session. */
  public void valid(Lease lease) {
    String key = key(lease.project(), lease.id());
    Instant now = clock.now();
    Instant written = checkWritten.get(key);
    boolean recent =
        written != null && Duration.between(written, now).compareTo(CHECK_WRITE_INTERVAL) < 0;
    Lease current = opened.get(key);
    if (recent && current != null && current.generation() == lease.generation()) {
      return;
    }
    locked(
        lease.project(),
        lease.id(),
        () -> {
          AuthSessionRecord record =
              store.findAuthSession(lease.project(), lease.id()).orElse(null);
          if (record == null || record.generation() != lease.generation()) {
            return null;
          }
          AuthSession session = record.session();
          if (session.status() == AuthSessionStatus.FAILED) {
            return null;
          }
          AuthSession next =
              session.status() == AuthSessionStatus.READY
                  ? session.checkedAt(now)
                  : session.becomes(AuthSessionStatus.READY, null).checkedAt(now);
          store.updateAuthSession(with(record, next), record.generation());
          checkWritten.put(key, now);
          return null;
        });
  }

  /**
   * The check said this lease is not logged in, and nobody may re-create it now (a validation):
   * READY becomes EXPIRED, a PENDING upload FAILED.
   */
  public AuthInvalidException invalid(Lease lease, String why) {
    return locked(
        lease.project(),
        lease.id(),
        () -> {
          AuthSessionRecord record =
              store.findAuthSession(lease.project(), lease.id()).orElse(null);
          if (record == null || record.generation() != lease.generation()) {
            return new AuthInvalidException(lease.project(), lease.id(), why);
          }
          AuthSession session = record.session().checkedAt(clock.now());
          AuthSession next =
              switch (session.status()) {
                case READY -> session.becomes(AuthSessionStatus.EXPIRED, why);
                case PENDING -> session.becomes(AuthSessionStatus.FAILED, why);
                default -> session;
              };
          store.updateAuthSession(with(record, next), record.generation());
          String text =
              next.type() == AuthSessionType.RECORDER ? why + "; " + replaceText(next) : why;
          return new AuthInvalidException(lease.project(), lease.id(), text);
        });
  }

  /**
   * Makes the session valid again after {@code seen} failed its check: waits for the session's lock
   * (calling {@code whileWaiting} about every second), then uses a state someone else made
   * meanwhile, or logs in itself up to {@code createAttempts} times. A RECORDER session cannot be:
   * it becomes EXPIRED.
   *
   * @throws AuthInvalidException when the session cannot be made valid (it is then FAILED or
   *     EXPIRED, with the reason)
   */
  public Lease renew(
      Lease seen, int createAttempts, Login login, RunLog attemptLog, Runnable whileWaiting)
      throws InterruptedException {
    String project = seen.project();
    String id = seen.id();
    ReentrantLock lock = lockOf(project, id);
    while (!lock.tryLock(1, TimeUnit.SECONDS)) {
      whileWaiting.run();
    }
    try {
      whileWaiting.run();
      AuthSessionRecord record =
          store
              .findAuthSession(project, id)
              .orElseThrow(
                  () -> new AuthInvalidException(project, id, "it does not exist (deleted?)"));
      AuthSession session = record.session();
      if (record.generation() != seen.generation() && session.status() == AuthSessionStatus.READY) {
        attemptLog.info(
            "AuthSession '" + id + "' was re-created meanwhile by another attempt; using it");
        return open(record);
      }
      if (session.status() == AuthSessionStatus.FAILED) {
        throw new AuthInvalidException(project, id, failedText(session));
      }
      if (session.type() == AuthSessionType.RECORDER) {
        AuthSession expired =
            session.status() == AuthSessionStatus.READY
                ? session.becomes(AuthSessionStatus.EXPIRED, "auth-sessions/check said false")
                : session.status() == AuthSessionStatus.PENDING
                    ? session.becomes(AuthSessionStatus.FAILED, "auth-sessions/check said false")
                    : session;
        store.updateAuthSession(with(record, expired.checkedAt(clock.now())), record.generation());
        throw new AuthInvalidException(project, id, expiredRecorderText(expired));
      }
      return logIn(record, createAttempts, login, attemptLog);
    } finally {
      lock.unlock();
    }
  }

  private Lease logIn(AuthSessionRecord record, int createAttempts, Login login, RunLog attemptLog)
      throws InterruptedException {
    String project = record.project();
    String id = record.id();
    JsonParameters credentials = openCredentials(record);
    Scrubber scrubber = new Scrubber(stringValues(credentials));
    List<Map<String, Object>> kept = new ArrayList<>();
    RunLog log =
        (level, message) -> {
          String clean = scrubber.scrub(message);
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("at", clock.now().toString());
          line.put("level", level.name());
          line.put("message", clean);
          synchronized (kept) {
            kept.add(line);
          }
          attemptLog.log(level, clean);
        };
    AuthSession pending = pending(record.session(), null);
    long generation = record.generation();
    store.updateAuthSession(with(record, pending), generation);
    String lastError = null;
    for (int attempt = 1; attempt <= createAttempts; attempt++) {
      log.info("auth-sessions/create of '" + id + "': try " + attempt + " of " + createAttempts);
      try {
        String state = login.logIn(credentials, log);
        Instant now = clock.now();
        AuthSession ready =
            pending.becomes(AuthSessionStatus.READY, null).createdAgainAt(now).checkedAt(now);
        log.info("auth-sessions/create of '" + id + "': logged in, and the check said true");
        AuthSessionRecord next =
            new AuthSessionRecord(
                ready,
                record.credentialsSealed(),
                secrets.seal(StorageStates.validate(state), STATE),
                generation + 1,
                json(kept));
        if (!store.updateAuthSession(next, generation)) {
          throw new AuthInvalidException(
              project, id, "it was deleted or replaced while logging in");
        }
        checkWritten.put(key(project, id), now);
        return open(next);
      } catch (InterruptedException e) {
        throw e;
      } catch (AuthInvalidException e) {
        throw e;
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("stopped while logging in");
        }
        lastError = scrubber.scrub(Errors.describe(e));
        log.warn("auth-sessions/create of '" + id + "': try " + attempt + " failed: " + lastError);
      }
    }
    AuthSession failed =
        pending.becomes(
            AuthSessionStatus.FAILED,
            "auth-sessions/create failed " + createAttempts + " times; the last: " + lastError);
    store.updateAuthSession(
        new AuthSessionRecord(
            failed, record.credentialsSealed(), record.stateSealed(), generation, json(kept)),
        generation);
    throw new AuthInvalidException(project, id, failedText(failed));
  }

  /** A login or check that ended without saying how (stopped, no browser) leaves no PENDING. */
  void failIfPending(String project, String id, long generation, String why) {
    locked(
        project,
        id,
        () -> {
          AuthSessionRecord record = store.findAuthSession(project, id).orElse(null);
          if (record != null
              && record.generation() == generation
              && record.session().status() == AuthSessionStatus.PENDING) {
            store.updateAuthSession(
                with(record, record.session().becomes(AuthSessionStatus.FAILED, why)), generation);
          }
          return null;
        });
  }

  // ---- helpers

  private static AuthSession pending(AuthSession session, String error) {
    return session.status() == AuthSessionStatus.PENDING
        ? session
        : session.becomes(AuthSessionStatus.PENDING, error);
  }

  private static String failedText(AuthSession session) {
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

  private static String expiredRecorderText(AuthSession session) {
    return "its recorded browser state is no longer logged in (the check said false) and a"
        + " RECORDER session cannot log in again; "
        + replaceText(session);
  }

  private static String replaceText(AuthSession session) {
    return "it must be replaced: upload a new storage state with PUT /api/v1/projects/"
        + session.project()
        + "/auth-sessions/"
        + session.id()
        + "/storage-state";
  }

  private Lease open(AuthSessionRecord record) {
    String key = key(record.project(), record.id());
    Lease cached = opened.get(key);
    if (cached != null && cached.generation() == record.generation()) {
      return cached;
    }
    String state =
        record.stateSealed() == null ? null : secrets.openText(record.stateSealed(), STATE);
    Lease lease =
        new Lease(
            record.project(),
            record.id(),
            record.session().type(),
            record.generation(),
            state,
            state == null ? Scrubber.NONE : new Scrubber(StorageStates.secretValues(state)));
    opened.put(key, lease);
    return lease;
  }

  private String sealCredentials(JsonParameters credentials) {
    try {
      return secrets.seal(JSON.writeValueAsString(credentials), CREDENTIALS);
    } catch (Exception e) {
      throw new IllegalArgumentException("credentials: expected a JSON object", e);
    }
  }

  private JsonParameters openCredentials(AuthSessionRecord record) {
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

  /** Every text in the credentials, at any depth: what a login's log must not show. */
  static List<String> stringValues(Object value) {
    List<String> values = new ArrayList<>();
    collect(value, values);
    return values;
  }

  private static void collect(Object value, List<String> values) {
    if (value instanceof String text) {
      values.add(text);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, values));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, values));
    } else if (value != null) {
      values.add(String.valueOf(value));
    }
  }

  private static String json(List<Map<String, Object>> lines) {
    try {
      synchronized (lines) {
        return JSON.writeValueAsString(lines);
      }
    } catch (Exception e) {
      return null;
    }
  }

  private AuthSessionRecord require(String project, String id) {
    return store
        .findAuthSession(project, id)
        .orElseThrow(
            () -> new NotFoundException("project " + project + " has no AuthSession '" + id + "'"));
  }

  private void update(AuthSessionRecord next, long expectedGeneration) {
    if (!store.updateAuthSession(next, expectedGeneration)) {
      throw new ConflictException(
          "AuthSession '" + next.id() + "' changed meanwhile (or was deleted); try again");
    }
  }

  private static AuthSessionRecord with(AuthSessionRecord record, AuthSession session) {
    return new AuthSessionRecord(
        session,
        record.credentialsSealed(),
        record.stateSealed(),
        record.generation(),
        record.lastLogJson());
  }

  private interface Work<T> {
    T run();
  }

  private <T> T locked(String project, String id, Work<T> work) {
    ReentrantLock lock = lockOf(project, id);
    lock.lock();
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  private ReentrantLock lockOf(String project, String id) {
    return locks.computeIfAbsent(key(project, id), k -> new ReentrantLock());
  }

  private static String key(String project, String id) {
    return project + "\n" + id;
  }
}
