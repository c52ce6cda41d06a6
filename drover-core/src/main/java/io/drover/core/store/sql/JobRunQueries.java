package io.drover.core.store.sql;

import static io.drover.core.store.sql.Rows.JOB_RUN_COLUMNS;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.ConflictException;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.NotFoundException;
import io.drover.core.store.Page;
import io.drover.core.store.RunCounts;
import io.drover.core.store.Store.NewJobRun;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JobRuns: creation from a Job's payload, lookups, counts and the pause/resume/end lifecycle. */
final class JobRunQueries {
  private final String start;
  private final String copyPayloads;

  JobRunQueries(SqlDialect dialect) {
    this.start = startSql(dialect);
    this.copyPayloads = copyPayloadsSql(dialect);
  }

  static String startSql(SqlDialect dialect) {
    return String.format(START, dialect.jsonRows());
  }

  static String copyPayloadsSql(SqlDialect dialect) {
    return String.format(COPY_PAYLOADS, dialect.jsonRows());
  }

  private static final String ACTIVE = "status IN ('RUNNING', 'PAUSED')";
  private static final String ACTIVE_OF =
      "SELECT id, status FROM job_runs WHERE project = ? AND job_id = ? AND " + ACTIVE;
  // The JobRuns of a group of new ones (JsonRows: r id, p project, j job, t trigger, k config,
  // c cap, a attempts, o timeout, n now) from their Jobs; next_seq continues after the payload's
  // seqs 1..n. One the unique index on active JobRuns refuses is left out, not an error: RETURNING
  // says which started.
  private static final String JSON_JOB =
      " JOIN jobs j ON j.project = f.value ->> 'p' AND j.id = f.value ->> 'j'";
  private static final String START =
      "INSERT INTO job_runs (id, project, job_id, status, trigger_type, config_json,"
          + " maximum_concurrent_requests, maximum_attempts, request_timeout, next_seq, created_at,"
          + " started_at) SELECT f.value ->> 'r', j.project, j.id, 'RUNNING', f.value ->> 't',"
          + " f.value ->> 'k', CAST(f.value ->> 'c' AS INTEGER), CAST(f.value ->> 'a' AS INTEGER),"
          + " CAST(f.value ->> 'o' AS INTEGER), j.payload_size + 1, CAST(f.value ->> 'n' AS BIGINT),"
          + " CAST(f.value ->> 'n' AS BIGINT) FROM %s"
          + JSON_JOB
          + " WHERE true ON CONFLICT DO NOTHING"
          + " RETURNING id, next_seq";
  // One statement copies the payloads of the group, so a large JobRun never passes through the JVM.
  private static final String COPY_PAYLOADS =
      "INSERT INTO runs (id, project, job_run_id, job_id, seq, api_name, parameters_json, status,"
          + " maximum_attempts, request_timeout, due_at, created_at)"
          + " SELECT (f.value ->> 'r') || '-' || p.seq, j.project, f.value ->> 'r', j.id, p.seq,"
          + " p.api_name, p.parameters_json, 'PENDING',"
          + " COALESCE(p.maximum_attempts, CAST(f.value ->> 'a' AS INTEGER)),"
          + " COALESCE(p.request_timeout, CAST(f.value ->> 'o' AS INTEGER)),"
          + " CAST(f.value ->> 'n' AS BIGINT), CAST(f.value ->> 'n' AS BIGINT) FROM %s"
          + JSON_JOB
          + " JOIN payload_items p ON p.payload_id = j.payload_id";
  static final String COUNT_BY_STATUS =
      "SELECT status, COUNT(*) FROM runs WHERE job_run_id = ? GROUP BY status";

  /** Completes the JobRuns {@code WHERE} selects that can complete and have nothing left to run. */
  static final String COMPLETE_DONE =
      "UPDATE job_runs SET status = 'COMPLETED', ended_at = ? WHERE %s AND "
          + Transitions.into(JobRunStatus.COMPLETED)
          + " AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.job_run_id = job_runs.id"
          + " AND r.status = 'PENDING') AND NOT EXISTS (SELECT 1 FROM runs r"
          + " WHERE r.job_run_id = job_runs.id AND r.status = 'RUNNING')";

  static final String COMPLETE_IF_DONE = String.format(COMPLETE_DONE, "id = ?");
  private static final String RUNNING_RUN_IDS =
      "SELECT id FROM runs WHERE job_run_id = ? AND status = 'RUNNING' ORDER BY seq";
  private static final String CANCEL_RUNNING_ATTEMPTS =
      "UPDATE attempts SET status = 'CANCELED', ended_at = ?, error = ? WHERE "
          + Transitions.into(AttemptStatus.CANCELED)
          + " AND run_id IN (SELECT id FROM runs WHERE job_run_id = ? AND status = 'RUNNING')";

  JobRunRecord create(Connection c, NewJobRun run) throws SQLException {
    String job = JobQueries.name(run.project(), run.jobId());
    JobStatus stored =
        Sql.one(
                c,
                "SELECT status FROM jobs WHERE project = ? AND id = ?",
                row -> JobStatus.valueOf(row.getString(1)),
                run.project(),
                run.jobId())
            .orElseThrow(() -> new NotFoundException(job + " does not exist"));
    if (stored == JobStatus.PAUSED) {
      throw new ConflictException(job + " is paused: resume it to start a JobRun");
    }
    Optional<JobRunRecord> active = active(c, run.project(), run.jobId());
    if (active.isPresent()) {
      throw new ConflictException(
          job
              + " already has an active JobRun '"
              + active.get().id()
              + "' ("
              + active.get().status()
              + "): only one runs at a time");
    }
    JobRunRecord started = start(c, List.of(run)).get(run.id());
    if (started == null) { // another node's trigger or fire started one since the check
      throw new ConflictException(job + " already has an active JobRun: only one runs at a time");
    }
    return started;
  }

  /**
   * Starts a group of new JobRuns: inserts them and copies their Jobs' payloads into their Runs, in
   * two statements for the whole group. The caller has made sure each Job exists and is ACTIVE (a
   * trigger reads it, a fire has just advanced it); a JobRun whose Job has an active one already is
   * not started (the unique index on active JobRuns). Returns the JobRuns started, by id, as
   * stored, without reading them back.
   */
  Map<String, JobRunRecord> start(Connection c, List<NewJobRun> runs) throws SQLException {
    if (runs.isEmpty()) {
      return Map.of();
    }
    String group = rowsOf(runs);
    Map<String, Long> nextSeqs = new HashMap<>();
    for (Map.Entry<String, Long> started :
        Sql.list(c, start, row -> Map.entry(row.getString(1), row.getLong(2)), group)) {
      nextSeqs.put(started.getKey(), started.getValue());
    }
    if (nextSeqs.isEmpty()) {
      return Map.of();
    }
    List<NewJobRun> inserted = runs;
    if (nextSeqs.size() < runs.size()) {
      inserted = runs.stream().filter(run -> nextSeqs.containsKey(run.id())).toList();
      group = rowsOf(inserted);
    }
    Sql.update(c, copyPayloads, group);
    Map<String, JobRunRecord> started = new HashMap<>();
    for (NewJobRun run : inserted) {
      boolean empty = nextSeqs.get(run.id()) == 1;
      if (empty) {
        completeIfDone(c, run.id(), run.now());
      }
      Instant now = Instant.ofEpochMilli(run.now().toEpochMilli()); // as stored
      started.put(
          run.id(),
          new JobRunRecord(
              run.id(),
              run.project(),
              run.jobId(),
              empty ? JobRunStatus.COMPLETED : JobRunStatus.RUNNING,
              run.trigger(),
              run.configJson(),
              run.maximumConcurrentRequests(),
              run.maximumAttempts(),
              run.requestTimeout(),
              now,
              now,
              empty ? now : null,
              null));
    }
    return started;
  }

  private static String rowsOf(List<NewJobRun> runs) {
    JsonRows rows = new JsonRows();
    for (NewJobRun run : runs) {
      rows.row()
          .put("r", run.id())
          .put("p", run.project())
          .put("j", run.jobId())
          .put("t", run.trigger().name())
          .put("k", run.configJson())
          .put("c", run.maximumConcurrentRequests())
          .put("a", run.maximumAttempts())
          .put("o", run.requestTimeout())
          .put("n", run.now());
    }
    return rows.json();
  }

  Optional<JobRunRecord> find(Connection c, String project, String jobRunId) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + JOB_RUN_COLUMNS + " FROM job_runs WHERE project = ? AND id = ?",
        Rows::jobRun,
        project,
        jobRunId);
  }

  Optional<JobRunRecord> active(Connection c, String project, String jobId) throws SQLException {
    return Sql.one(
        c,
        "SELECT "
            + JOB_RUN_COLUMNS
            + " FROM job_runs WHERE project = ?"
            + " AND job_id = ? AND "
            + ACTIVE,
        Rows::jobRun,
        project,
        jobId);
  }

  /** The id and status of a Job's active JobRun: what a fire needs to know to skip. */
  record Active(String id, JobRunStatus status) {}

  Optional<Active> activeOf(Connection c, String project, String jobId) throws SQLException {
    return Sql.one(
        c,
        ACTIVE_OF,
        row -> new Active(row.getString(1), JobRunStatus.valueOf(row.getString(2))),
        project,
        jobId);
  }

  Page<JobRunRecord> list(Connection c, String project, String jobId, String cursor, int limit)
      throws SQLException {
    int size = Sql.clampLimit(limit);
    String sql =
        "SELECT "
            + JOB_RUN_COLUMNS
            + " FROM job_runs WHERE project = ? AND job_id = ?"
            + (cursor == null ? "" : " AND id < ?")
            + " ORDER BY id DESC LIMIT ?";
    List<JobRunRecord> rows =
        cursor == null
            ? Sql.list(c, sql, Rows::jobRun, project, jobId, size + 1)
            : Sql.list(c, sql, Rows::jobRun, project, jobId, cursor, size + 1);
    return Sql.page(rows, size, JobRunRecord::id);
  }

  /**
   * The newest JobRun of each of these Jobs (that still exist): the inner MAX reads one entry of
   * job_runs_by_job per Job, the outer lookup is by primary key.
   */
  static String lastJobRunsSql(int jobs) {
    return "SELECT "
        + JOB_RUN_COLUMNS
        + " FROM job_runs WHERE id IN (SELECT (SELECT MAX(m.id) FROM job_runs m"
        + " WHERE m.project = j.project AND m.job_id = j.id) FROM jobs j"
        + " WHERE j.project = ? AND j.id IN ("
        + Sql.placeholders(jobs)
        + "))";
  }

  static String countByStatusSql(int jobRuns) {
    return "SELECT job_run_id, status, COUNT(*) FROM runs WHERE job_run_id IN ("
        + Sql.placeholders(jobRuns)
        + ") GROUP BY job_run_id, status";
  }

  Map<String, JobRunRecord> lastJobRuns(Connection c, String project, Collection<String> jobIds)
      throws SQLException {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    List<Object> values = new ArrayList<>();
    values.add(project);
    values.addAll(jobIds);
    Map<String, JobRunRecord> last = new HashMap<>();
    for (JobRunRecord jobRun :
        Sql.list(c, lastJobRunsSql(jobIds.size()), Rows::jobRun, values.toArray())) {
      last.put(jobRun.jobId(), jobRun);
    }
    return last;
  }

  Map<String, RunCounts> counts(Connection c, Collection<String> jobRunIds) throws SQLException {
    if (jobRunIds.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<RunStatus, Long>> byJobRun = new HashMap<>();
    for (String id : jobRunIds) {
      byJobRun.put(id, new EnumMap<>(RunStatus.class));
    }
    Sql.list(
        c,
        countByStatusSql(jobRunIds.size()),
        row -> {
          byJobRun.get(row.getString(1)).put(RunStatus.valueOf(row.getString(2)), row.getLong(3));
          return null;
        },
        jobRunIds.toArray());
    Map<String, RunCounts> counts = new HashMap<>();
    byJobRun.forEach((id, byStatus) -> counts.put(id, counts(byStatus)));
    return counts;
  }

  private static RunCounts counts(Map<RunStatus, Long> counts) {
    return new RunCounts(
        counts.getOrDefault(RunStatus.PENDING, 0L),
        counts.getOrDefault(RunStatus.RUNNING, 0L),
        counts.getOrDefault(RunStatus.COMPLETED, 0L),
        counts.getOrDefault(RunStatus.FAILED, 0L),
        counts.getOrDefault(RunStatus.CANCELED, 0L));
  }

  RunCounts count(Connection c, String jobRunId) throws SQLException {
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    for (Map.Entry<RunStatus, Long> entry :
        Sql.list(
            c,
            COUNT_BY_STATUS,
            row -> Map.entry(RunStatus.valueOf(row.getString(1)), row.getLong(2)),
            jobRunId)) {
      counts.put(entry.getKey(), entry.getValue());
    }
    return new RunCounts(
        counts.getOrDefault(RunStatus.PENDING, 0L),
        counts.getOrDefault(RunStatus.RUNNING, 0L),
        counts.getOrDefault(RunStatus.COMPLETED, 0L),
        counts.getOrDefault(RunStatus.FAILED, 0L),
        counts.getOrDefault(RunStatus.CANCELED, 0L));
  }

  List<String> pause(Connection c, String jobRunId, Instant now) throws SQLException {
    if (Sql.update(
            c,
            "UPDATE job_runs SET status = 'PAUSED' WHERE id = ? AND "
                + Transitions.into(JobRunStatus.PAUSED),
            jobRunId)
        == 0) {
      return List.of();
    }
    List<String> running = cancelRunningAttempts(c, jobRunId, "JobRun paused", now);
    // Back in the queue with its due time kept: it runs first again on resume.
    Sql.update(
        c,
        "UPDATE runs SET status = 'PENDING' WHERE job_run_id = ? AND "
            + Transitions.into(RunStatus.PENDING)
            + " AND status = 'RUNNING'",
        jobRunId);
    return running;
  }

  boolean resume(Connection c, String jobRunId, Instant now) throws SQLException {
    if (Sql.update(
            c,
            "UPDATE job_runs SET status = 'RUNNING' WHERE id = ? AND "
                + Transitions.into(JobRunStatus.RUNNING),
            jobRunId)
        == 0) {
      return false;
    }
    completeIfDone(c, jobRunId, now);
    return true;
  }

  List<String> end(Connection c, String jobRunId, JobRunStatus status, String reason, Instant now)
      throws SQLException {
    if (status != JobRunStatus.TERMINATED && status != JobRunStatus.CANCELED) {
      throw new IllegalArgumentException(
          "a JobRun can be ended as TERMINATED or CANCELED, not " + status);
    }
    if (Sql.update(
            c,
            "UPDATE job_runs SET status = ?, ended_at = ?, reason = ? WHERE id = ? AND "
                + Transitions.into(status),
            status,
            now,
            reason,
            jobRunId)
        == 0) {
      return List.of();
    }
    String why = "JobRun " + status.name().toLowerCase() + (reason == null ? "" : ": " + reason);
    List<String> running = cancelRunningAttempts(c, jobRunId, why, now);
    Sql.update(
        c,
        "UPDATE runs SET status = 'CANCELED', ended_at = ? WHERE job_run_id = ? AND "
            + Transitions.into(RunStatus.CANCELED),
        now,
        jobRunId);
    return running;
  }

  /** Returns the ids of the JobRun's RUNNING Runs after canceling their RUNNING attempts. */
  private List<String> cancelRunningAttempts(Connection c, String jobRunId, String why, Instant now)
      throws SQLException {
    List<String> running = Sql.list(c, RUNNING_RUN_IDS, row -> row.getString(1), jobRunId);
    if (!running.isEmpty()) {
      Sql.update(c, CANCEL_RUNNING_ATTEMPTS, now, why, jobRunId);
    }
    return running;
  }

  /** A RUNNING JobRun with no PENDING or RUNNING Run left is COMPLETED. */
  static void completeIfDone(Connection c, String jobRunId, Instant now) throws SQLException {
    Sql.update(c, COMPLETE_IF_DONE, now, jobRunId);
  }
}
