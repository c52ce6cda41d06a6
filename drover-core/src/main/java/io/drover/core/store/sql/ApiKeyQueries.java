package io.drover.core.store.sql;

import io.drover.core.store.ApiKeyRecord;
import io.drover.core.store.ConflictException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** API keys: hashes only, never a key. */
final class ApiKeyQueries {
  private static final String COLUMNS = "id, key_hash, project, name, created_at";
  private static final String INSERT =
      "INSERT INTO api_keys (id, key_hash, scope, project, name, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String EXISTS =
      "SELECT " + COLUMNS + " FROM api_keys WHERE id = ? OR key_hash = ?";
  private static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?";
  private static final String LIST = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id";
  private static final String DELETE = "DELETE FROM api_keys WHERE id = ?";

  void save(Connection c, ApiKeyRecord key) throws SQLException {
    if (Sql.one(c, EXISTS, ApiKeyQueries::key, key.id(), key.keyHash()).isPresent()) {
      throw new ConflictException("API key '" + key.id() + "' (or one with its hash) exists");
    }
    Sql.update(
        c,
        INSERT,
        key.id(),
        key.keyHash(),
        key.admin() ? "ADMIN" : "PROJECT",
        key.project(),
        key.name(),
        key.createdAt());
  }

  Optional<ApiKeyRecord> byHash(Connection c, String keyHash) throws SQLException {
    return Sql.one(c, BY_HASH, ApiKeyQueries::key, keyHash);
  }

  List<ApiKeyRecord> list(Connection c) throws SQLException {
    return Sql.list(c, LIST, ApiKeyQueries::key);
  }

  boolean delete(Connection c, String id) throws SQLException {
    return Sql.update(c, DELETE, id) > 0;
  }

  private static ApiKeyRecord key(ResultSet row) throws SQLException {
    return new ApiKeyRecord(
        row.getString("id"),
        row.getString("key_hash"),
        row.getString("project"),
        row.getString("name"),
        Sql.instant(row, "created_at"));
  }
}
