package io.drover.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.auth.AuthSession;
import io.drover.core.auth.AuthSessionRefs;
import io.drover.core.auth.AuthSessionType;
import io.drover.core.auth.StorageStates;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.store.AuthSessionRecord;
import io.drover.core.store.AuthSessionStore;
import io.drover.core.store.ConflictException;
import io.drover.sdk.JsonParameters;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The AuthSessions of every Project as users make and see them: created with credentials, uploaded
 * as a storage state, given new credentials, listed, deleted; their secrets sealed before they
 * reach the store. What attempts do with them is {@link SessionLeases}.
 */
public final class AuthSessions implements AuthSessionRefs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionVault vault;
  private final ProjectRegistry projects;
  private final SessionLeases leases;

  AuthSessions(AuthSessionStore store, SecretBox secrets, Clock clock, ProjectRegistry projects) {
    this.vault = new SessionVault(store, secrets, clock);
    this.projects = projects;
    this.leases = new SessionLeases(vault, projects);
  }

  /** What attempts do with the sessions: lease, check, re-create. */
  public SessionLeases leases() {
    return leases;
  }

  @Override
  public Optional<String> refusal(String project, String id) {
    String missing =
        "an AuthSession of project "
            + project
            + ", but project "
            + project
            + " has no AuthSession '"
            + id
            + "'";
    if (projects.authCheck(project).isEmpty()) {
      return Optional.of(missing + ": it has no auth-sessions/check, so it can have none");
    }
    if (vault.store().findAuthSession(project, id).isEmpty()) {
      return Optional.of(
          missing + " (create it first: POST /api/v1/projects/" + project + "/auth-sessions)");
    }
    return Optional.empty();
  }

  /** A new CREDENTIALS session, PENDING until its first login ({@link SessionLogins}) ends. */
  public AuthSession create(String project, String id, JsonParameters credentials) {
    leases.check(project);
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
    Instant now = vault.clock().now();
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
    vault
        .store()
        .saveAuthSession(
            new AuthSessionRecord(session, vault.sealCredentials(credentials), null, 0, null));
    return session;
  }

  /** New credentials for a CREDENTIALS session: its state is dropped and it logs in again. */
  public AuthSession replaceCredentials(String project, String id, JsonParameters credentials) {
    return vault.locked(
        project,
        id,
        () -> {
          AuthSessionRecord record = vault.require(project, id);
          if (record.session().type() != AuthSessionType.CREDENTIALS) {
            throw new ConflictException(
                "AuthSession '"
                    + id
                    + "' is a RECORDER session: it has no credentials; upload a new storage state"
                    + " instead (PUT .../auth-sessions/"
                    + id
                    + "/storage-state)");
          }
          AuthSession next = SessionVault.pending(record.session(), null);
          vault.update(
              new AuthSessionRecord(
                  next, vault.sealCredentials(credentials), null, record.generation() + 1, null),
              record.generation());
          return next;
        });
  }

  /** Creates or replaces a RECORDER session with an uploaded state, PENDING until checked. */
  public AuthSession upload(String project, String id, String storageState) {
    leases.check(project);
    String state = StorageStates.validate(storageState);
    String sealed = vault.sealState(state);
    return vault.locked(
        project,
        id,
        () -> {
          Optional<AuthSessionRecord> existing = vault.store().findAuthSession(project, id);
          if (existing.isEmpty()) {
            AuthSession session =
                new AuthSession(
                    project,
                    id,
                    AuthSessionType.RECORDER,
                    AuthSessionStatus.PENDING,
                    vault.clock().now(),
                    null,
                    null,
                    null);
            vault.store().saveAuthSession(new AuthSessionRecord(session, null, sealed, 1, null));
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
          AuthSession next =
              SessionVault.pending(record.session(), null).createdAgainAt(vault.clock().now());
          vault.update(
              new AuthSessionRecord(next, null, sealed, record.generation() + 1, null),
              record.generation());
          return next;
        });
  }

  public Optional<AuthSession> find(String project, String id) {
    return vault.store().findAuthSession(project, id).map(AuthSessionRecord::session);
  }

  /** The log lines of the session's last login (credentials blanked), as stored. */
  public Optional<JsonNode> lastLog(String project, String id) {
    return vault
        .store()
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
    return vault.store().listAuthSessions(project);
  }

  boolean delete(String project, String id) {
    return vault.locked(
        project,
        id,
        () -> {
          vault.forget(project, id);
          return vault.store().deleteAuthSession(project, id);
        });
  }

  /** A login or check that ended without saying how (stopped, no browser) leaves no PENDING. */
  void failIfPending(String project, String id, long generation, String why) {
    vault.locked(
        project,
        id,
        () -> {
          AuthSessionRecord record = vault.at(project, id, generation);
          if (record != null && record.session().status() == AuthSessionStatus.PENDING) {
            vault
                .store()
                .updateAuthSession(
                    SessionVault.with(
                        record, record.session().becomes(AuthSessionStatus.FAILED, why)),
                    generation);
          }
          return null;
        });
  }
}
