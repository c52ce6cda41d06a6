package io.drover.core.store.sql;

import static io.drover.core.store.sql.Sql.instant;
import static io.drover.core.store.sql.Sql.nullableInt;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.NodeStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.NodeRecord;
import io.drover.core.store.PayloadRow;
import io.drover.core.store.RunRecord;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Column lists and the mapping of rows to records, one place per table. */
final class Rows {
  static final String JOB_COLUMNS =
      "project, id, status, config_json, payload_id, payload_size, version, created_at, updated_at,"
          + " next_fire_at";

  static final String JOB_RUN_COLUMNS =
      "id, project, job_id, status, trigger_type, config_json, maximum_concurrent_requests,"
          + " maximum_attempts, request_timeout, created_at, started_at, ended_at, reason";

  static final String RUN_COLUMNS =
      "id, project, job_run_id, job_id, seq, api_name, parameters_json, status, maximum_attempts,"
          + " request_timeout, attempt_count, attempts_used, due_at, result_json, error,"
          + " created_at, started_at, ended_at";

  static final String PAYLOAD_COLUMNS =
      "seq, api_name, parameters_json, maximum_attempts, request_timeout";

  static final String ATTEMPT_COLUMNS = "run_id, number, status, started_at, ended_at, error, node";

  static final String NODE_COLUMNS =
      "id, name, host, url, version, slots, status, started_at, heartbeat_at, ended_at";

  private Rows() {}

  static JobRecord job(ResultSet row) throws SQLException {
    return new JobRecord(
        row.getString("project"),
        row.getString("id"),
        JobStatus.valueOf(row.getString("status")),
        row.getString("config_json"),
        row.getString("payload_id"),
        row.getLong("payload_size"),
        row.getLong("version"),
        instant(row, "created_at"),
        instant(row, "updated_at"),
        instant(row, "next_fire_at"));
  }

  static JobRunRecord jobRun(ResultSet row) throws SQLException {
    return new JobRunRecord(
        row.getString("id"),
        row.getString("project"),
        row.getString("job_id"),
        JobRunStatus.valueOf(row.getString("status")),
        Trigger.valueOf(row.getString("trigger_type")),
        row.getString("config_json"),
        row.getInt("maximum_concurrent_requests"),
        row.getInt("maximum_attempts"),
        row.getInt("request_timeout"),
        instant(row, "created_at"),
        instant(row, "started_at"),
        instant(row, "ended_at"),
        row.getString("reason"));
  }

  /**
   * A row of {@link #RUN_COLUMNS}, read by position: every claim maps a few dozen of them, and a
   * read by label searches the row's column names for each.
   */
  static RunRecord run(ResultSet row) throws SQLException {
    return new RunRecord(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getLong(5),
        row.getString(6),
        row.getString(7),
        RunStatus.valueOf(row.getString(8)),
        row.getInt(9),
        row.getInt(10),
        row.getInt(11),
        row.getInt(12),
        instant(row, 13),
        row.getString(14),
        row.getString(15),
        instant(row, 16),
        instant(row, 17),
        instant(row, 18));
  }

  static PayloadRow payload(ResultSet row) throws SQLException {
    return new PayloadRow(
        row.getLong("seq"),
        row.getString("api_name"),
        row.getString("parameters_json"),
        nullableInt(row, "maximum_attempts"),
        nullableInt(row, "request_timeout"));
  }

  static AttemptRecord attempt(ResultSet row) throws SQLException {
    return new AttemptRecord(
        row.getString("run_id"),
        row.getInt("number"),
        AttemptStatus.valueOf(row.getString("status")),
        instant(row, "started_at"),
        instant(row, "ended_at"),
        row.getString("error"),
        row.getString("node"));
  }

  /** A node row followed by a column {@code running}: its RUNNING attempts. */
  static NodeRecord node(ResultSet row) throws SQLException {
    return new NodeRecord(
        row.getString("id"),
        row.getString("name"),
        row.getString("host"),
        row.getString("url"),
        row.getString("version"),
        row.getInt("slots"),
        NodeStatus.valueOf(row.getString("status")),
        instant(row, "started_at"),
        instant(row, "heartbeat_at"),
        instant(row, "ended_at"),
        row.getInt("running"));
  }
}
