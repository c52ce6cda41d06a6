package io.drover.core.store.sql;

import io.drover.core.store.Page;
import io.drover.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Small JDBC helpers: binding values, running statements, reading nullable columns, paging. */
final class Sql {
  static final int MAX_PAGE = 1000;

  private Sql() {}

  /** Binds in order; Instants as epoch millis, enums by name. */
  static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        statement.setNull(i + 1, Types.NULL);
      } else if (value instanceof Instant instant) {
        statement.setLong(i + 1, instant.toEpochMilli());
      } else if (value instanceof Enum<?> constant) {
        statement.setString(i + 1, constant.name());
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  static int update(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    }
  }

  static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return list(statement, mapper);
    }
  }

  static <T> List<T> list(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        rows.add(mapper.map(row));
      }
    }
    return rows;
  }

  static <T> Optional<T> one(
      Connection connection, String sql, RowMapper<T> mapper, Object... values)
      throws SQLException {
    List<T> rows = list(connection, sql, mapper, values);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    return instant(row, row.findColumn(column));
  }

  static Instant instant(ResultSet row, int column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  /** {@code ?, ?, ?} for an IN list of {@code count} values (1..{@link Store#MAX_BATCH}). */
  static String placeholders(int count) {
    if (count < 1 || count > Store.MAX_BATCH) {
      throw new IllegalArgumentException(
          "a batch takes 1 to " + Store.MAX_BATCH + " ids, not " + count);
    }
    return "?" + ", ?".repeat(count - 1);
  }

  static int clampLimit(int limit) {
    return Math.max(1, Math.min(MAX_PAGE, limit));
  }

  /** {@code fetched} holds up to limit + 1 rows: one more than the page tells there is a next. */
  static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> cursorOf) {
    if (fetched.size() <= limit) {
      return new Page<>(List.copyOf(fetched), null);
    }
    List<T> items = List.copyOf(fetched.subList(0, limit));
    return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
  }
}
