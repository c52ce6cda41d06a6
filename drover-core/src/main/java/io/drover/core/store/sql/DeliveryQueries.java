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
import io.drover.core.store.RunKeys;
import io.drover.core.store.TriedDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private static final String RECORD_TRY =
      "INSERT INTO delivery_tries (delivery_id, number, started_at, duration_ms, status_code,"
          + " error) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String END_TRY =
      "UPDATE deliveries SET node = NULL, tries = tries + 1, status = ?, next_try_at = ?,"
          + " last_error = ?, ended_at = ? WHERE id = ? AND node = ? AND status = 'PENDING'";
  static final String RELEASE_ORPHANS =
      "UPDATE deliveries SET node = NULL WHERE node IS NOT NULL"
          + " AND node NOT IN (SELECT id FROM nodes WHERE status = 'UP')";

  private final String claim;
  private final String ofJobRuns;

  DeliveryQueries(SqlDialect dialect) {
    this.claim = dialect.claimDeliveries();
    this.ofJobRuns =
        "SELECT id, job_id, config_json FROM job_runs WHERE id IN (SELECT f.value ->> 'j' FROM "
            + dialect.jsonRows()
            + ")";
  }

  /** A JobRun's Job and sink (null when it has none). */
  private record OfJobRun(String jobId, SinkConfig sink) {}

  /** A JobRun's sink never changes (its config is a snapshot): read once per JobRun. */
  private final Map<String, Optional<OfJobRun>> jobRuns = new ConcurrentHashMap<>();

  /** The sink of a Run: its JobRun's, or a standalone Run's own. */
  Optional<SinkConfig> sinkOf(Connection c, String jobRunId, String runId) throws SQLException {
    return jobRunId != null ? sinkOf(c, jobRunId) : standaloneSinkOf(c, runId);
  }

  private static Optional<SinkConfig> standaloneSinkOf(Connection c, String runId)
      throws SQLException {
    return Sql.one(
            c,
            "SELECT sink_json FROM runs WHERE id = ? AND sink_json IS NOT NULL",
            row -> row.getString(1),
            runId)
        .map(JobDocuments::sinkFromStoredJson);
  }

  Optional<SinkConfig> sinkOf(Connection c, String jobRunId) throws SQLException {
    return ofJobRun(c, jobRunId).map(OfJobRun::sink);
  }

  private Optional<OfJobRun> ofJobRun(Connection c, String jobRunId) throws SQLException {
    Optional<OfJobRun> known = jobRuns.get(jobRunId);
    if (known != null) {
      return known;
    }
    Optional<OfJobRun> found =
        Sql.one(
            c,
            "SELECT job_id, config_json FROM job_runs WHERE id = ?",
            row -> new OfJobRun(row.getString(1), sinkOfConfig(row.getString(2))),
            jobRunId);
    if (jobRuns.size() > SINK_CACHE) {
      jobRuns.clear();
    }
    jobRuns.put(jobRunId, found);
    return found;
  }

  /** Whether the outcome ends its Run, so that the Run's result is delivered. */
  private static boolean endsItsRun(AttemptOutcome outcome) {
    RunStatus next = outcome.nextRunStatus();
    return next == RunStatus.COMPLETED || next == RunStatus.FAILED;
  }

  /**
   * Reads the JobRuns not known yet of the outcomes that end their Run, in one query: a group of
   * outcomes from many small JobRuns then costs one read, not one per JobRun.
   */
  private void readJobRuns(Connection c, List<AttemptOutcome> outcomes) throws SQLException {
    Set<String> asked = new LinkedHashSet<>();
    for (AttemptOutcome outcome : outcomes) {
      String jobRunId = outcome.keys().jobRunId();
      if (endsItsRun(outcome) && jobRunId != null && !jobRuns.containsKey(jobRunId)) {
        asked.add(jobRunId);
      }
    }
    if (asked.isEmpty()) {
      return;
    }
    if (jobRuns.size() + asked.size() > SINK_CACHE) {
      jobRuns.clear();
    }
    for (Map.Entry<String, OfJobRun> found :
        Sql.list(
            c,
            ofJobRuns,
            row ->
                Map.entry(
                    row.getString(1),
                    new OfJobRun(row.getString(2), sinkOfConfig(row.getString(3)))),
            JsonRows.of("j", asked))) {
      jobRuns.put(found.getKey(), Optional.of(found.getValue()));
    }
  }

  /**
   * The sink of a stored JobRun configuration, or null: only its {@code sink} is read (most have
   * none), not the whole configuration, once per JobRun as its first Run ends.
   */
  private static SinkConfig sinkOfConfig(String configJson) {
    JsonNode sink = parse(configJson).get("sink");
    return sink == null || sink.isNull() ? null : JobDocuments.sinkFromStoredJson(sink.toString());
  }

  static String idOf(String runId) {
    return "dlv-" + runId;
  }

  /**
   * The deliveries of the outcomes that end their Run, for Runs of JobRuns whose sink takes them.
   * Called after the Runs were ended, in the same transaction.
   */
  void create(Connection c, List<AttemptOutcome> outcomes, Instant now) throws SQLException {
    List<AttemptOutcome> ending = new ArrayList<>();
    Map<String, SinkConfig> sinkOfRun = new HashMap<>();
    readJobRuns(c, outcomes);
    for (AttemptOutcome outcome : outcomes) {
      if (endsItsRun(outcome)) {
        Optional<SinkConfig> sink = sinkOf(c, outcome.keys().jobRunId(), outcome.runId());
        if (sink.isPresent()) {
          ending.add(outcome);
          sinkOfRun.put(outcome.runId(), sink.get());
        }
      }
    }
    if (ending.isEmpty()) {
      return;
    }
    Map<String, ObjectNode> runs = runsOf(c, ending);
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      int added = 0;
      for (AttemptOutcome outcome : ending) {
        RunKeys keysOfRun = outcome.keys();
        SinkConfig sink = sinkOfRun.get(outcome.runId());
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
        if (keysOfRun.jobRunId() == null) { // a standalone Run
          body.putNull("job");
          body.putNull("jobRun");
        } else {
          body.putObject("job").put("id", keysOfRun.jobId());
          body.putObject("jobRun").put("id", keysOfRun.jobRunId());
        }
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
    record Claimed(
        String id,
        String jobRunId,
        String body,
        int tries,
        String runId,
        String project,
        Instant createdAt,
        String apiName) {}
    List<Claimed> rows =
        Sql.list(
            c,
            claim,
            row ->
                new Claimed(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getInt(4),
                    row.getString(5),
                    row.getString(6),
                    Sql.instant(row, "created_at"),
                    row.getString("api_name")),
            now,
            limit,
            node);
    List<DueDelivery> due = new ArrayList<>(rows.size());
    for (Claimed row : rows) {
      SinkConfig sink = sinkOf(c, row.jobRunId(), row.runId()).orElse(null);
      String jobId =
          row.jobRunId() == null
              ? null
              : ofJobRun(c, row.jobRunId()).map(OfJobRun::jobId).orElse(null);
      due.add(
          new DueDelivery(
              row.id(),
              jobId,
              row.jobRunId(),
              row.runId(),
              row.apiName(),
              row.body(),
              row.tries(),
              sink,
              row.project(),
              row.createdAt()));
    }
    return due;
  }

  /** Records the tries of deliveries {@code node} holds: one batch per statement for them all. */
  List<Boolean> recordTries(Connection c, String node, List<TriedDelivery> tried)
      throws SQLException {
    Map<String, Integer> held = new HashMap<>();
    String sql =
        "SELECT id, tries FROM deliveries WHERE node = ? AND id IN ("
            + String.join(", ", Collections.nCopies(tried.size(), "?"))
            + ")";
    List<Object> values = new ArrayList<>(tried.size() + 1);
    values.add(node);
    tried.forEach(t -> values.add(t.deliveryId()));
    for (Map.Entry<String, Integer> row :
        Sql.list(c, sql, r -> Map.entry(r.getString(1), r.getInt(2)), values.toArray())) {
      held.put(row.getKey(), row.getValue());
    }
    List<Boolean> recorded = new ArrayList<>(tried.size());
    try (PreparedStatement end = c.prepareStatement(END_TRY);
        PreparedStatement add = c.prepareStatement(RECORD_TRY)) {
      for (TriedDelivery t : tried) {
        Integer tries = held.remove(t.deliveryId()); // once, should a try be given twice
        recorded.add(tries != null);
        if (tries == null) {
          continue;
        }
        DeliveryTry attempt = t.attempt();
        DeliveryStatus status =
            t.delivered()
                ? DeliveryStatus.DELIVERED
                : t.retryAt() == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        Instant ended = attempt.startedAt().plusMillis(attempt.durationMillis());
        Sql.bind(
            end,
            status,
            status == DeliveryStatus.PENDING ? t.retryAt() : ended,
            t.delivered() ? null : errorOf(attempt),
            status == DeliveryStatus.PENDING ? null : ended,
            t.deliveryId(),
            node);
        end.addBatch();
        Sql.bind(
            add,
            t.deliveryId(),
            tries + 1,
            attempt.startedAt(),
            attempt.durationMillis(),
            attempt.statusCode(),
            attempt.error());
        add.addBatch();
      }
      if (recorded.contains(Boolean.TRUE)) {
        end.executeBatch();
        add.executeBatch();
      }
    }
    return recorded;
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

  /**
   * {@link #counts(Connection, String)} of several JobRuns in one query (deliveries_by_job_run).
   */
  Map<String, long[]> counts(Connection c, Collection<String> jobRunIds) throws SQLException {
    Map<String, long[]> counts = new HashMap<>();
    for (String id : jobRunIds) {
      counts.put(id, new long[3]);
    }
    Sql.list(
        c,
        "SELECT job_run_id, status, COUNT(*) FROM deliveries WHERE job_run_id IN ("
            + Sql.placeholders(jobRunIds.size())
            + ") GROUP BY job_run_id, status",
        r ->
            counts.get(r.getString(1))[DeliveryStatus.valueOf(r.getString(2)).ordinal()] =
                r.getLong(3),
        jobRunIds.toArray());
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
