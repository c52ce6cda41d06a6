package io.drover.core.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.job.JobDocuments;
import io.drover.core.job.SinkConfig;
import io.drover.core.state.DeliveryStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.DeliveryRecord;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.DueDelivery;
import io.drover.core.store.NewRun;
import io.drover.core.store.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Deliveries: created with the Run's outcome, claimed, tried, listed, redelivered. */
final class DeliveryQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SINK_CACHE = 10_000;
  static final String COLUMNS =
      "id, project, run_id, job_run_id, api_name, status, tries, next_try_at, last_error,"
          + " created_at, ended_at";
  private static final String INSERT =
      "INSERT INTO deliveries (id, project, run_id, job_run_id, api_name, status, body_json, tries,"
          + " next_try_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, 0, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";
  private static final String CLAIM =
      "UPDATE deliveries SET node = ? WHERE id IN (SELECT id FROM deliveries"
          + " WHERE status = 'PENDING' AND node IS NULL AND next_try_at <= ?"
          + " ORDER BY next_try_at LIMIT ?) AND status = 'PENDING' AND node IS NULL"
          + " RETURNING id, job_run_id, run_id, api_name, body_json, tries";
  private static final String RECORD_TRY =
      "INSERT INTO delivery_tries (delivery_id, number, started_at, duration_ms, status_code,"
          + " error) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String END_TRY =
      "UPDATE deliveries SET node = NULL, tries = tries + 1, status = ?, next_try_at = ?,"
          + " last_error = ?, ended_at = ? WHERE id = ? AND node = ? AND status = 'PENDING'";
  static final String RELEASE_ORPHANS =
      "UPDATE deliveries SET node = NULL WHERE node IS NOT NULL"
          + " AND node NOT IN (SELECT id FROM nodes WHERE status = 'UP')";

  /** A JobRun's Job and sink (null when it has none). */
  private record JobRunSink(String jobId, SinkConfig sink) {}

  /** A JobRun's sink never changes (its config is a snapshot): read once per JobRun. */
  private final Map<String, Optional<JobRunSink>> sinks = new ConcurrentHashMap<>();

  Optional<SinkConfig> sinkOf(Connection c, String jobRunId) throws SQLException {
    return jobRunSink(c, jobRunId).map(JobRunSink::sink);
  }

  private Optional<JobRunSink> jobRunSink(Connection c, String jobRunId) throws SQLException {
    Optional<JobRunSink> known = sinks.get(jobRunId);
    if (known != null) {
      return known;
    }
    Optional<JobRunSink> sink =
        Sql.one(
            c,
            "SELECT job_id, config_json FROM job_runs WHERE id = ?",
            row ->
                new JobRunSink(
                    row.getString(1), JobDocuments.fromStoredJson(row.getString(2)).sink()),
            jobRunId);
    if (sinks.size() > SINK_CACHE) {
      sinks.clear();
    }
    sinks.put(jobRunId, sink);
    return sink;
  }

  static String idOf(String runId) {
    return "dlv-" + runId;
  }

  /**
   * The deliveries of the outcomes that end their Run, for Runs of JobRuns whose sink takes them.
   * Called after the Runs were ended, in the same transaction.
   */
  void create(
      Connection c,
      List<AttemptOutcome> outcomes,
      Map<String, FinishQueries.RunKeys> keys,
      Instant now)
      throws SQLException {
    List<AttemptOutcome> ending = new ArrayList<>();
    for (AttemptOutcome outcome : outcomes) {
      RunStatus next = outcome.nextRunStatus();
      FinishQueries.RunKeys run = keys.get(outcome.runId());
      if ((next == RunStatus.COMPLETED || next == RunStatus.FAILED)
          && run.jobRunId() != null
          && sinkOf(c, run.jobRunId()).isPresent()) {
        ending.add(outcome);
      }
    }
    if (ending.isEmpty()) {
      return;
    }
    Map<String, ObjectNode> runs = runsOf(c, ending);
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      int added = 0;
      for (AttemptOutcome outcome : ending) {
        FinishQueries.RunKeys keysOfRun = keys.get(outcome.runId());
        SinkConfig sink = sinkOf(c, keysOfRun.jobRunId()).orElseThrow();
        ObjectNode run = runs.get(outcome.runId());
        String apiName = run.get("apiName").asText();
        boolean failed = outcome.nextRunStatus() == RunStatus.FAILED;
        if ((failed && sink.skipOnFail())
            || (sink.apisToSend() != null && !sink.apisToSend().contains(apiName))) {
          continue;
        }
        String id = idOf(outcome.runId());
        ArrayNode extended = run.putArray("extendedPayload");
        for (NewRun item : outcome.extensions()) {
          ObjectNode entry = extended.addObject().put("apiName", item.apiName());
          entry.set("parameters", parse(item.parametersJson()));
        }
        ObjectNode body = JSON.createObjectNode().put("deliveryId", id);
        body.put("project", keysOfRun.project());
        body.putObject("job").put("id", keysOfRun.jobId());
        body.putObject("jobRun").put("id", keysOfRun.jobRunId());
        body.set("run", run);
        Sql.bind(
            insert,
            id,
            keysOfRun.project(),
            outcome.runId(),
            keysOfRun.jobRunId(),
            apiName,
            body.toString(),
            now,
            now);
        insert.addBatch();
        added++;
      }
      if (added > 0) {
        insert.executeBatch();
      }
    }
  }

  private static Map<String, ObjectNode> runsOf(Connection c, List<AttemptOutcome> outcomes)
      throws SQLException {
    String sql =
        "SELECT id, api_name, parameters_json, status, result_json, error, attempts_used,"
            + " started_at, ended_at FROM runs WHERE id IN ("
            + String.join(", ", Collections.nCopies(outcomes.size(), "?"))
            + ")";
    Map<String, ObjectNode> runs = new HashMap<>();
    for (ObjectNode run :
        Sql.list(
            c,
            sql,
            DeliveryQueries::runBody,
            outcomes.stream().map(AttemptOutcome::runId).toArray())) {
      runs.put(run.get("id").asText(), run);
    }
    return runs;
  }

  private static ObjectNode runBody(ResultSet row) throws SQLException {
    ObjectNode run = JSON.createObjectNode().put("id", row.getString("id"));
    run.put("apiName", row.getString("api_name"));
    run.set("parameters", parse(row.getString("parameters_json")));
    boolean completed = RunStatus.COMPLETED.name().equals(row.getString("status"));
    run.put("status", completed ? "completed" : "failed");
    if (completed) {
      String result = row.getString("result_json");
      run.set("result", result == null ? JSON.nullNode() : parse(result));
    } else {
      run.put("error", row.getString("error"));
    }
    run.put("attempts", row.getInt("attempts_used"));
    Instant started = Sql.instant(row, "started_at");
    Instant ended = Sql.instant(row, "ended_at");
    run.put("startedAt", started == null ? null : started.toString());
    run.put("endedAt", ended == null ? null : ended.toString());
    return run;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<DueDelivery> claimDue(Connection c, String node, int limit, Instant now)
      throws SQLException {
    List<String[]> rows =
        Sql.list(
            c,
            CLAIM,
            row ->
                new String[] {
                  row.getString("id"),
                  row.getString("job_run_id"),
                  row.getString("run_id"),
                  row.getString("api_name"),
                  row.getString("body_json"),
                  row.getString("tries")
                },
            node,
            now,
            limit);
    List<DueDelivery> due = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      Optional<JobRunSink> jobRun = row[1] == null ? Optional.empty() : jobRunSink(c, row[1]);
      due.add(
          new DueDelivery(
              row[0],
              jobRun.map(JobRunSink::jobId).orElse(null),
              row[1],
              row[2],
              row[3],
              row[4],
              Integer.parseInt(row[5]),
              jobRun.map(JobRunSink::sink).orElse(null)));
    }
    return due;
  }

  boolean recordTry(
      Connection c,
      String node,
      String deliveryId,
      DeliveryTry attempt,
      boolean delivered,
      Instant retryAt)
      throws SQLException {
    Integer tries =
        Sql.one(
                c,
                "SELECT tries FROM deliveries WHERE id = ? AND node = ?",
                row -> row.getInt(1),
                deliveryId,
                node)
            .orElse(null);
    if (tries == null) {
      return false;
    }
    DeliveryStatus status =
        delivered
            ? DeliveryStatus.DELIVERED
            : retryAt == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
    Instant ended = attempt.startedAt().plusMillis(attempt.durationMillis());
    Sql.update(
        c,
        END_TRY,
        status,
        status == DeliveryStatus.PENDING ? retryAt : ended,
        delivered ? null : errorOf(attempt),
        status == DeliveryStatus.PENDING ? null : ended,
        deliveryId,
        node);
    Sql.update(
        c,
        RECORD_TRY,
        deliveryId,
        tries + 1,
        attempt.startedAt(),
        attempt.durationMillis(),
        attempt.statusCode(),
        attempt.error());
    return true;
  }

  boolean release(Connection c, String node, String deliveryId, Instant at) throws SQLException {
    return Sql.update(
            c,
            "UPDATE deliveries SET node = NULL, next_try_at = ? WHERE id = ? AND node = ?",
            at,
            deliveryId,
            node)
        == 1;
  }

  private static String errorOf(DeliveryTry attempt) {
    if (attempt.error() != null) {
      return attempt.error();
    }
    return "HTTP " + attempt.statusCode();
  }

  Optional<DeliveryRecord> find(Connection c, String project, String deliveryId)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM deliveries WHERE project = ? AND id = ?",
        DeliveryQueries::record,
        project,
        deliveryId);
  }

  List<DeliveryRecord> forRun(Connection c, String project, String runId) throws SQLException {
    return Sql.list(
        c,
        "SELECT " + COLUMNS + " FROM deliveries WHERE project = ? AND run_id = ? ORDER BY id",
        DeliveryQueries::record,
        project,
        runId);
  }

  Page<DeliveryRecord> forJobRun(
      Connection c,
      String project,
      String jobRunId,
      DeliveryStatus status,
      String cursor,
      int limit)
      throws SQLException {
    int size = Sql.clampLimit(limit);
    List<Object> values = new ArrayList<>(List.of(project, jobRunId));
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + COLUMNS + " FROM deliveries WHERE project = ? AND job_run_id = ?");
    if (status != null) {
      sql.append(" AND status = ?");
      values.add(status);
    }
    if (cursor != null) {
      sql.append(" AND id > ?");
      values.add(cursor);
    }
    sql.append(" ORDER BY id LIMIT ?");
    values.add(size + 1);
    return Sql.page(
        Sql.list(c, sql.toString(), DeliveryQueries::record, values.toArray()),
        size,
        DeliveryRecord::id);
  }

  List<DeliveryTry> tries(Connection c, String deliveryId) throws SQLException {
    return Sql.list(
        c,
        "SELECT number, started_at, duration_ms, status_code, error FROM delivery_tries"
            + " WHERE delivery_id = ? ORDER BY number",
        row ->
            new DeliveryTry(
                row.getInt("number"),
                Sql.instant(row, "started_at"),
                row.getLong("duration_ms"),
                Sql.nullableInt(row, "status_code"),
                row.getString("error")),
        deliveryId);
  }

  long[] counts(Connection c, String jobRunId) throws SQLException {
    long[] counts = new long[3];
    for (Object[] row :
        Sql.list(
            c,
            "SELECT status, COUNT(*) FROM deliveries WHERE job_run_id = ? GROUP BY status",
            r -> new Object[] {r.getString(1), r.getLong(2)},
            jobRunId)) {
      counts[DeliveryStatus.valueOf((String) row[0]).ordinal()] = (Long) row[1];
    }
    return counts;
  }

  boolean redeliver(Connection c, String project, String deliveryId, Instant now)
      throws SQLException {
    if (find(c, project, deliveryId).isEmpty()) {
      return false;
    }
    Sql.update(
        c,
        "UPDATE deliveries SET status = 'PENDING', next_try_at = ?, ended_at = NULL"
            + " WHERE project = ? AND id = ? AND node IS NULL",
        now,
        project,
        deliveryId);
    return true;
  }

  int redeliverFailed(Connection c, String project, String jobRunId, Instant now)
      throws SQLException {
    return Sql.update(
        c,
        "UPDATE deliveries SET status = 'PENDING', next_try_at = ?, ended_at = NULL"
            + " WHERE project = ? AND job_run_id = ? AND status = 'FAILED'",
        now,
        project,
        jobRunId);
  }

  private static DeliveryRecord record(ResultSet row) throws SQLException {
    return new DeliveryRecord(
        row.getString("id"),
        row.getString("project"),
        row.getString("run_id"),
        row.getString("job_run_id"),
        row.getString("api_name"),
        DeliveryStatus.valueOf(row.getString("status")),
        row.getInt("tries"),
        Sql.instant(row, "next_try_at"),
        row.getString("last_error"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "ended_at"));
  }
}
