package io.drover.core.store.sql;

import io.drover.core.auth.AuthSession;
import io.drover.core.auth.AuthSessionType;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.store.AuthSessionRecord;
import io.drover.core.store.ConflictException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** AuthSessions: their secrets only as sealed, and never in a list. */
final class AuthSessionQueries {
  private static final String VIEW_COLUMNS =
      "project, id, type, status, created_at, last_checked_at, last_created_at, last_error";
  private static final String COLUMNS =
      VIEW_COLUMNS + ", credentials_sealed, state_sealed, generation, last_log_json";
  private static final String INSERT =
      "INSERT INTO auth_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM auth_sessions WHERE project = ? AND id = ?";
  private static final String LIST =
      "SELECT " + VIEW_COLUMNS + " FROM auth_sessions WHERE project = ? ORDER BY id";
  private static final String UPDATE =
      "UPDATE auth_sessions SET type = ?, status = ?, created_at = ?, last_checked_at = ?,"
          + " last_created_at = ?, last_error = ?, credentials_sealed = ?, state_sealed = ?,"
          + " generation = ?, last_log_json = ?"
          + " WHERE project = ? AND id = ? AND generation = ?";
  private static final String DELETE = "DELETE FROM auth_sessions WHERE project = ? AND id = ?";

  void save(Connection c, AuthSessionRecord record) throws SQLException {
    if (find(c, record.project(), record.id()).isPresent()) {
      throw new ConflictException(
          "AuthSession '" + record.id() + "' of project '" + record.project() + "' exists");
    }
    AuthSession s = record.session();
    Sql.update(
        c,
        INSERT,
        s.project(),
        s.id(),
        s.type(),
        s.status(),
        s.createdAt(),
        s.lastCheckedAt(),
        s.lastCreatedAt(),
        s.lastError(),
        record.credentialsSealed(),
        record.stateSealed(),
        record.generation(),
        record.lastLogJson());
  }

  Optional<AuthSessionRecord> find(Connection c, String project, String id) throws SQLException {
    return Sql.one(c, FIND, AuthSessionQueries::record, project, id);
  }

  List<AuthSession> list(Connection c, String project) throws SQLException {
    return Sql.list(c, LIST, AuthSessionQueries::session, project);
  }

  boolean update(Connection c, AuthSessionRecord next, long expectedGeneration)
      throws SQLException {
    AuthSession s = next.session();
    return Sql.update(
            c,
            UPDATE,
            s.type(),
            s.status(),
            s.createdAt(),
            s.lastCheckedAt(),
            s.lastCreatedAt(),
            s.lastError(),
            next.credentialsSealed(),
            next.stateSealed(),
            next.generation(),
            next.lastLogJson(),
            s.project(),
            s.id(),
            expectedGeneration)
        > 0;
  }

  boolean delete(Connection c, String project, String id) throws SQLException {
    return Sql.update(c, DELETE, project, id) > 0;
  }

  private static AuthSession session(ResultSet row) throws SQLException {
    return new AuthSession(
        row.getString("project"),
        row.getString("id"),
        AuthSessionType.valueOf(row.getString("type")),
        AuthSessionStatus.valueOf(row.getString("status")),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "last_checked_at"),
        Sql.instant(row, "last_created_at"),
        row.getString("last_error"));
  }

  private static AuthSessionRecord record(ResultSet row) throws SQLException {
    return new AuthSessionRecord(
        session(row),
        row.getString("credentials_sealed"),
        row.getString("state_sealed"),
        row.getLong("generation"),
        row.getString("last_log_json"));
  }
}
