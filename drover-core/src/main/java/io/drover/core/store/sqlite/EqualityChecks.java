package io.drover.core.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 13 (SQLite only): every {@code CHECK (column IN ('A', 'B', 'C'))} becomes {@code CHECK
 * (column = 'A' OR column = 'B' OR column = 'C')}. SQLite evaluates an IN list of three or more
 * constants by building a temporary b-tree of the list, and a CHECK is evaluated for every row
 * written: every claim, every ended attempt and every ended Run paid for opening, filling and
 * freeing one (a chain of equalities is a few comparisons). The new constraints accept exactly the
 * values the old ones did, so no row needs checking again and no table is rebuilt: the stored
 * definitions are rewritten in place, the procedure SQLite documents for removing CHECK constraints
 * ({@code writable_schema}, then {@code schema_version} one higher), in one transaction.
 */
final class EqualityChecks implements JavaMigration {
  // A CHECK on one column against a list of quoted constants, as the earlier migrations write it.
  private static final Pattern LISTED =
      Pattern.compile("CHECK \\((\\w+) IN \\(('[A-Z_]+'(?:, '[A-Z_]+')+)\\)\\)");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("13");
  }

  @Override
  public String getDescription() {
    return "checks as equalities";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    Map<String, String> rewritten = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet tables =
            s.executeQuery(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")) {
      while (tables.next()) {
        String sql = tables.getString(2);
        String asEqualities = rewrite(sql);
        if (!asEqualities.equals(sql)) {
          rewritten.put(tables.getString(1), asEqualities);
        }
      }
    }
    if (rewritten.isEmpty()) {
      return;
    }
    int schemaVersion;
    try (Statement s = c.createStatement();
        ResultSet version = s.executeQuery("PRAGMA schema_version")) {
      version.next();
      schemaVersion = version.getInt(1);
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA writable_schema = ON");
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?")) {
        for (Map.Entry<String, String> table : rewritten.entrySet()) {
          update.setString(1, table.getValue());
          update.setString(2, table.getKey());
          update.executeUpdate();
        }
      }
      // Every connection reads the schema again: the rewritten definitions are the ones in force.
      s.execute("PRAGMA schema_version = " + (schemaVersion + 1));
      s.execute("PRAGMA writable_schema = OFF");
    }
  }

  /** The table's definition with each listed CHECK as a chain of equalities. */
  static String rewrite(String tableSql) {
    Matcher m = LISTED.matcher(tableSql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String column = m.group(1);
      String equalities =
          Arrays.stream(m.group(2).split(", "))
              .map(value -> column + " = " + value)
              .collect(Collectors.joining(" OR "));
      m.appendReplacement(out, Matcher.quoteReplacement("CHECK (" + equalities + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
