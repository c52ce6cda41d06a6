package io.drover.core.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EqualityChecksTest {
  private static final String END_RUN =
      "UPDATE runs SET status = ?, ended_at = ? WHERE id = ? AND status = 'RUNNING'";

  @TempDir Path dataDir;

  @Test
  void aListedCheckBecomesAChainOfEqualitiesAndTheRestOfTheTableIsKept() {
    String table =
        "CREATE TABLE t (\n  status TEXT NOT NULL CHECK (status IN ('A', 'B_C', 'D')),\n"
            + "  kind TEXT CHECK (kind IN ('X', 'Y')),\n  n INTEGER CHECK (n > 0)\n)";

    assertThat(EqualityChecks.rewrite(table))
        .isEqualTo(
            "CREATE TABLE t (\n  status TEXT NOT NULL CHECK (status = 'A' OR status = 'B_C'"
                + " OR status = 'D'),\n  kind TEXT CHECK (kind = 'X' OR kind = 'Y'),\n"
                + "  n INTEGER CHECK (n > 0)\n)");
  }

  @Test
  void aNewDatabaseHasNoCheckThatListsValues() throws Exception {
    SqliteStore.open(dataDir).close();

    try (Connection c = connect()) {
      List<String> tables = tableSql(c);
      assertThat(tables).isNotEmpty().noneMatch(sql -> sql.matches("(?s).*CHECK \\(\\w+ IN .*"));
      assertThat(String.join("\n", tables))
          .contains(
              "CHECK (status = 'PENDING' OR status = 'RUNNING' OR status = 'COMPLETED' OR"
                  + " status = 'FAILED' OR status = 'CANCELED')");
    }
  }

  @Test
  void writingARunsStatusBuildsNoTemporaryTable() throws Exception {
    SqliteStore.open(dataDir).close();

    try (Connection c = connect()) {
      // The statements that run once per claimed, ended or retried attempt.
      for (String sql :
          List.of(
              END_RUN,
              "UPDATE attempts SET status = ?, ended_at = ? WHERE run_id = ? AND number = ?",
              "UPDATE job_runs SET status = ? WHERE id = ?",
              "UPDATE deliveries SET status = ? WHERE id = ?")) {
        assertThat(opcodes(c, sql)).as(sql).contains("Halt").doesNotContain("OpenEphemeral");
      }
    }
  }

  @Test
  void aDatabaseOfTheEarlierSchemaKeepsItsRowsAndStillRefusesAnUnknownStatus() throws Exception {
    String url = "jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME);
    Flyway.configure()
        .dataSource(url, null, null)
        .locations(SqliteStore.MIGRATIONS)
        .target("12")
        .load()
        .migrate();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThat(String.join("\n", tableSql(c))).contains("CHECK (status IN (");
      assertThat(opcodes(c, END_RUN)).contains("OpenEphemeral");
      s.execute(
          "INSERT INTO job_runs (id, project, job_id, status, trigger_type, config_json,"
              + " maximum_concurrent_requests, maximum_attempts, request_timeout, next_seq,"
              + " created_at) VALUES ('jr', 'demo', 'shop', 'PAUSED', 'MANUAL', '{}', 1, 1, 60,"
              + " 0, 0)");
    }

    SqliteStore.open(dataDir).close();

    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThat(String.join("\n", tableSql(c))).doesNotContain("CHECK (status IN (");
      assertThat(opcodes(c, END_RUN)).doesNotContain("OpenEphemeral");
      try (ResultSet row = s.executeQuery("SELECT status FROM job_runs WHERE id = 'jr'")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("PAUSED");
      }
      s.execute("UPDATE job_runs SET status = 'COMPLETED' WHERE id = 'jr'");
      assertThatThrownBy(() -> s.execute("UPDATE job_runs SET status = 'DONE' WHERE id = 'jr'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("CHECK constraint failed");
      try (ResultSet check = s.executeQuery("PRAGMA integrity_check")) {
        check.next();
        assertThat(check.getString(1)).isEqualTo("ok");
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
  }

  private static List<String> tableSql(Connection c) throws SQLException {
    List<String> sql = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'")) {
      while (rows.next()) {
        sql.add(rows.getString(1));
      }
    }
    return sql;
  }

  private static List<String> opcodes(Connection c, String sql) throws SQLException {
    List<String> opcodes = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("EXPLAIN " + sql)) {
      while (rows.next()) {
        opcodes.add(rows.getString("opcode"));
      }
    }
    return opcodes;
  }
}
