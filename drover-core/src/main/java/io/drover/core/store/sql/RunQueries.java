package io.drover.core.store.sql;

import static io.drover.core.store.sql.Rows.ATTEMPT_COLUMNS;
import static io.drover.core.store.sql.Rows.RUN_COLUMNS;

import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.NewRun;
import io.drover.core.store.Page;
import io.drover.core.store.RunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs and their attempts: inserting new Runs and reading them back. */
final class RunQueries {
  static final String INSERT =
      "INSERT INTO runs (id, project, job_run_id, job_id, seq, api_name, parameters_json, status,"
          + " maximum_attempts, request_timeout, due_at, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)";

  /** Standalone Runs are alone in their group: seq 1. */
  RunRecord createStandalone(
      Connection c,
      String runId,
      String project,
      NewRun run,
      String sinkJson,
      String authSessionJson,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      bindInsert(insert, runId, project, null, null, 1, run, now);
      insert.executeUpdate();
    }
    if (sinkJson != null) {
      Sql.update(c, "UPDATE runs SET sink_json = ? WHERE id = ?", sinkJson, runId);
    }
    if (authSessionJson != null) {
      Sql.update(c, "UPDATE runs SET auth_session_json = ? WHERE id = ?", authSessionJson, runId);
    }
    return find(c, project, runId).orElseThrow();
  }

  Optional<String> authSessionOf(Connection c, String runId) throws SQLException {
    return Sql.one(
        c,
        "SELECT auth_session_json FROM runs WHERE id = ? AND auth_session_json IS NOT NULL",
        row -> row.getString(1),
        runId);
  }

  static void bindInsert(
      PreparedStatement insert,
      String runId,
      String project,
      String jobRunId,
      String jobId,
      long seq,
      NewRun run,
      Instant now)
      throws SQLException {
    Sql.bind(
        insert,
        runId,
        project,
        jobRunId,
        jobId,
        seq,
        run.apiName(),
        run.parametersJson(),
        run.maximumAttempts(),
        run.requestTimeout(),
        now,
        now);
  }

  Optional<RunRecord> find(Connection c, String project, String runId) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ? AND project = ?",
        Rows::run,
        runId,
        project);
  }

  Page<RunRecord> list(
      Connection c, String jobRunId, RunStatus status, String apiName, String cursor, int limit)
      throws SQLException {
    int size = Sql.clampLimit(limit);
    StringBuilder sql =
        new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE job_run_id = ?");
    List<Object> values = new ArrayList<>(List.of(jobRunId));
    if (status != null) {
      sql.append(" AND status = ?");
      values.add(status);
    }
    if (apiName != null) {
      sql.append(" AND api_name = ?");
      values.add(apiName);
    }
    if (cursor != null) {
      sql.append(" AND seq > ?");
      values.add(seqCursor(cursor));
    }
    sql.append(" ORDER BY seq LIMIT ?");
    values.add(size + 1);
    List<RunRecord> rows = Sql.list(c, sql.toString(), Rows::run, values.toArray());
    return Sql.page(rows, size, run -> Long.toString(run.seq()));
  }

  List<AttemptRecord> attempts(Connection c, String runId) throws SQLException {
    return Sql.list(
        c,
        "SELECT " + ATTEMPT_COLUMNS + " FROM attempts WHERE run_id = ?" + " ORDER BY number",
        Rows::attempt,
        runId);
  }

  private static long seqCursor(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cursor: expected a cursor from a previous page of Runs," + " got '" + cursor + "'");
    }
  }
}
