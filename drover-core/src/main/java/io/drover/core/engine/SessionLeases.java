package io.drover.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.auth.AuthInvalidException;
import io.drover.core.auth.AuthSession;
import io.drover.core.auth.AuthSessionType;
import io.drover.core.auth.Scrubber;
import io.drover.core.auth.StorageStates;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.store.AuthSessionRecord;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What attempts do with AuthSessions, on browser threads: lease a session's state, say what its
 * check found, and re-create it when it expired. Re-creation is serialized per session: of the
 * attempts that find a session expired at once, one logs in and the others wait for it and use its
 * state (they see its {@code generation} move on).
 */
public final class SessionLeases {
  /** How often a passing check is written down (the check itself runs on every attempt). */
  static final Duration CHECK_WRITE_INTERVAL = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionVault vault;
  private final ProjectRegistry projects;
  private final Map<String, Written> checkWritten = new ConcurrentHashMap<>();

  /** When a passing check of this generation of a session was last written. */
  private record Written(long generation, Instant at) {}

  SessionLeases(SessionVault vault, ProjectRegistry projects) {
    this.vault = vault;
    this.projects = projects;
  }

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
    AuthSessionRecord record = existing(project, id);
    AuthSession session = record.session();
    if (session.status() == AuthSessionStatus.FAILED) {
      throw new AuthInvalidException(project, id, SessionVault.failedText(session));
    }
    if (session.type() == AuthSessionType.RECORDER
        && session.status() == AuthSessionStatus.EXPIRED) {
      throw new AuthInvalidException(project, id, SessionVault.expiredRecorderText(session));
    }
    return vault.open(record);
  }

  /** The check said this lease is logged in. Written at most every few seconds per session. */
  public void valid(Lease lease) {
    String key = SessionVault.key(lease.project(), lease.id());
    Instant now = vault.clock().now();
    Written written = checkWritten.get(key);
    if (written != null
        && written.generation() == lease.generation()
        && Duration.between(written.at(), now).compareTo(CHECK_WRITE_INTERVAL) < 0) {
      return;
    }
    vault.locked(
        lease.project(),
        lease.id(),
        () -> {
          AuthSessionRecord record = vault.at(lease.project(), lease.id(), lease.generation());
          if (record == null) {
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
          vault.store().updateAuthSession(SessionVault.with(record, next), record.generation());
          checkWritten.put(key, new Written(lease.generation(), now));
          return null;
        });
  }

  /**
   * The check said this lease is not logged in, and nobody may re-create it now (a validation):
   * READY becomes EXPIRED, a PENDING upload FAILED.
   */
  public AuthInvalidException invalid(Lease lease, String why) {
    return vault.locked(
        lease.project(),
        lease.id(),
        () -> {
          AuthSessionRecord record = vault.at(lease.project(), lease.id(), lease.generation());
          if (record == null) {
            return new AuthInvalidException(lease.project(), lease.id(), why);
          }
          AuthSession session = record.session().checkedAt(vault.clock().now());
          AuthSession next =
              switch (session.status()) {
                case READY -> session.becomes(AuthSessionStatus.EXPIRED, why);
                case PENDING -> session.becomes(AuthSessionStatus.FAILED, why);
                default -> session;
              };
          vault.store().updateAuthSession(SessionVault.with(record, next), record.generation());
          String text =
              next.type() == AuthSessionType.RECORDER
                  ? why + "; " + SessionVault.replaceText(next)
                  : why;
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
    ReentrantLock lock = vault.lockOf(project, id);
    while (!lock.tryLock(1, TimeUnit.SECONDS)) {
      whileWaiting.run();
    }
    try {
      whileWaiting.run();
      AuthSessionRecord record = existing(project, id);
      AuthSession session = record.session();
      if (record.generation() != seen.generation() && session.status() == AuthSessionStatus.READY) {
        attemptLog.info(
            "AuthSession '" + id + "' was re-created meanwhile by another attempt; using it");
        return vault.open(record);
      }
      if (session.status() == AuthSessionStatus.FAILED) {
        throw new AuthInvalidException(project, id, SessionVault.failedText(session));
      }
      if (session.type() == AuthSessionType.RECORDER) {
        AuthSession expired =
            session.status() == AuthSessionStatus.READY
                ? session.becomes(AuthSessionStatus.EXPIRED, "auth-sessions/check said false")
                : session.status() == AuthSessionStatus.PENDING
                    ? session.becomes(AuthSessionStatus.FAILED, "auth-sessions/check said false")
                    : session;
        vault
            .store()
            .updateAuthSession(
                SessionVault.with(record, expired.checkedAt(vault.clock().now())),
                record.generation());
        throw new AuthInvalidException(project, id, SessionVault.expiredRecorderText(expired));
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
    JsonParameters credentials = vault.openCredentials(record);
    Scrubber scrubber = new Scrubber(stringValues(credentials));
    List<Map<String, Object>> kept = new ArrayList<>();
    // Drover's own lines hold no credential (a session id may contain a user name's letters);
    // what the Project's create and the login page say is blanked.
    RunLog drover =
        (level, message) -> {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("at", vault.clock().now().toString());
          line.put("level", level.name());
          line.put("message", message);
          synchronized (kept) {
            kept.add(line);
          }
          attemptLog.log(level, message);
        };
    RunLog log = (level, message) -> drover.log(level, scrubber.scrub(message));
    AuthSession pending = SessionVault.pending(record.session(), null);
    long generation = record.generation();
    vault.store().updateAuthSession(SessionVault.with(record, pending), generation);
    String lastError = null;
    for (int attempt = 1; attempt <= createAttempts; attempt++) {
      drover.info("auth-sessions/create of '" + id + "': try " + attempt + " of " + createAttempts);
      try {
        String state = login.logIn(credentials, log);
        Instant now = vault.clock().now();
        AuthSession ready =
            pending.becomes(AuthSessionStatus.READY, null).createdAgainAt(now).checkedAt(now);
        drover.info("auth-sessions/create of '" + id + "': logged in, and the check said true");
        AuthSessionRecord next =
            new AuthSessionRecord(
                ready,
                record.credentialsSealed(),
                vault.sealState(StorageStates.validate(state)),
                generation + 1,
                json(kept));
        if (!vault.store().updateAuthSession(next, generation)) {
          throw new AuthInvalidException(
              project, id, "it was deleted or replaced while logging in");
        }
        checkWritten.put(SessionVault.key(project, id), new Written(generation + 1, now));
        return vault.open(next);
      } catch (InterruptedException e) {
        throw e;
      } catch (AuthInvalidException e) {
        throw e;
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("stopped while logging in");
        }
        lastError = scrubber.scrub(Errors.describe(e));
        drover.warn(
            "auth-sessions/create of '" + id + "': try " + attempt + " failed: " + lastError);
      }
    }
    AuthSession failed =
        pending.becomes(
            AuthSessionStatus.FAILED,
            "auth-sessions/create failed " + createAttempts + " times; the last: " + lastError);
    vault
        .store()
        .updateAuthSession(
            new AuthSessionRecord(
                failed, record.credentialsSealed(), record.stateSealed(), generation, json(kept)),
            generation);
    throw new AuthInvalidException(project, id, SessionVault.failedText(failed));
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

  private AuthSessionRecord existing(String project, String id) {
    return vault
        .store()
        .findAuthSession(project, id)
        .orElseThrow(() -> new AuthInvalidException(project, id, "it does not exist (deleted?)"));
  }
}
