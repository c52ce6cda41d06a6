package io.drover.core.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries that run for every claim, commit and count find their rows through an index on
 * SQLite, so their cost follows the rows they touch, not the size of the JobRun: no step of their
 * plan scans a whole table. The plans are printed (BENCHMARKS.md shows them).
 */
class QueryPlansTest {
  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void openTheSchema() throws SQLException {
    SqliteStore.open(dir).close();
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
  }

  @Test
  void theDispatchQueriesUseIndexes() throws SQLException {
    Map<String, String> queries =
        new java.util.HashMap<>(
            Map.of(
                "claim (JobRun)", new SqlDialect().claimRuns(false),
                "claim (standalone)", new SqlDialect().claimRuns(true),
                "groups window", DispatchQueries.WINDOW_AFTER,
                "groups window, wrapped", DispatchQueries.WINDOW_UP_TO,
                "standalone group", DispatchQueries.STANDALONE_GROUP,
                "complete if done", JobRunQueries.COMPLETE_IF_DONE,
                "count by status", JobRunQueries.COUNT_BY_STATUS,
                "due Jobs", ScheduleQueries.DUE,
                "advance a group of fires", ScheduleQueries.advanceSql(new SqlDialect())));
    queries.put(
        "claim (first Run of each of a group of JobRuns)", new SqlDialect().claimFirstRuns());
    queries.put("lock the JobRuns of a claim", DispatchQueries.lockJobRunsSql(new SqlDialect()));
    queries.put("count their RUNNING Runs", DispatchQueries.countRunningSql(new SqlDialect()));
    queries.put(
        "start the attempts of a claim", DispatchQueries.insertAttemptsSql(new SqlDialect()));
    queries.put("lock the JobRuns of a commit", FinishQueries.lockJobRunsSql(new SqlDialect()));
    queries.put("complete those done", FinishQueries.completeIfDoneSql(new SqlDialect()));
    queries.put("start a group of JobRuns", JobRunQueries.startSql(new SqlDialect()));
    queries.put("copy their payloads", JobRunQueries.copyPayloadsSql(new SqlDialect()));
    queries.put("last JobRuns of a page of Jobs", JobRunQueries.lastJobRunsSql(3));
    queries.put("count by status, a page of JobRuns", JobRunQueries.countByStatusSql(3));
    for (Map.Entry<String, String> query : new java.util.TreeMap<>(queries).entrySet()) {
      List<String> plan = plan(query.getValue());
      System.out.println(query.getKey() + ":\n  " + String.join("\n  ", plan));
      assertThat(plan)
          .as(query.getKey())
          .noneMatch(
              step ->
                  step.matches("SCAN (runs|job_runs|attempts|jobs|payload_items)\\b.*")
                      && !step.contains("USING"));
    }
  }

  private List<String> plan(String sql) throws SQLException {
    List<String> steps = new ArrayList<>();
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      int parameters = explain.getParameterMetaData().getParameterCount();
      for (int i = 1; i <= parameters; i++) {
        explain.setObject(i, null);
      }
      try (ResultSet row = explain.executeQuery()) {
        while (row.next()) {
          steps.add(row.getString("detail"));
        }
      }
    }
    return steps;
  }
}
