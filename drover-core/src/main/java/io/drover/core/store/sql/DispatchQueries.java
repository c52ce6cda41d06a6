package io.drover.core.store.sql;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.DispatchStore;
import io.drover.core.store.RunRecord;
import io.drover.core.store.RunnableGroup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dispatcher reads and claims, and recovery of attempts lost in a crash. A claim holds
 * each JobRun's cap across all nodes: it locks the JobRun's row and counts its RUNNING Runs before
 * claiming, so two nodes claiming at once take turns on that JobRun (and only on it).
 */
final class DispatchQueries {
  // Both subqueries walk an index on (job_run_id, ...): cost follows the number of RUNNING
  // JobRuns and RUNNING Runs, not the number of PENDING Runs.
  private static final String RUNNABLE_GROUPS =
      "SELECT * FROM (SELECT j.id AS id, j.maximum_concurrent_requests AS cap,"
          + " (SELECT COUNT(*) FROM runs r WHERE r.job_run_id = j.id AND r.status = 'RUNNING')"
          + " AS running FROM job_runs j WHERE j.status = 'RUNNING' AND EXISTS (SELECT 1 FROM runs"
          + " r WHERE r.job_run_id = j.id AND r.status = 'PENDING' AND r.due_at <= ?)"
          + " UNION ALL SELECT NULL, 0, (SELECT COUNT(*) FROM runs WHERE job_run_id IS NULL"
          + " AND status = 'RUNNING') FROM (SELECT 1 AS due) d WHERE EXISTS (SELECT 1 FROM runs"
          + " WHERE job_run_id IS NULL AND status = 'PENDING' AND due_at <= ?)) g"
          + " ORDER BY CASE WHEN id IS NULL THEN 1 ELSE 0 END, id";
  // The groups a claim reads: a window of JobRuns with room, in id order from a cursor. The
  // partial index on RUNNING JobRuns gives the order, so the scan stops after the window.
  private static final String RUNNING_COUNT =
      "(SELECT COUNT(*) FROM runs r WHERE r.job_run_id = j.id AND r.status = 'RUNNING')";
  private static final String JOB_RUN_WINDOW =
      "SELECT j.id, j.maximum_concurrent_requests, "
          + RUNNING_COUNT
          + " FROM job_runs j WHERE j.status = 'RUNNING' AND j.id %s ? AND EXISTS (SELECT 1"
          + " FROM runs r WHERE r.job_run_id = j.id AND r.status = 'PENDING' AND r.due_at <= ?)"
          + " AND "
          + RUNNING_COUNT
          + " < j.maximum_concurrent_requests ORDER BY j.id LIMIT ?";
  static final String WINDOW_AFTER = String.format(JOB_RUN_WINDOW, ">");
  static final String WINDOW_UP_TO = String.format(JOB_RUN_WINDOW, "<=");
  static final String STANDALONE_GROUP =
      "SELECT (SELECT COUNT(*) FROM runs WHERE job_run_id IS NULL AND status = 'RUNNING')"
          + " FROM (SELECT 1 AS due) d WHERE EXISTS (SELECT 1 FROM runs WHERE job_run_id IS NULL"
          + " AND status = 'PENDING' AND due_at <= ?)";
  // The JobRuns of a claim are bound as one JSON parameter ({@link JsonRows}, field 'j'), and
  // the Runs claimed for them as another (field 'r'): a statement per claim, not per JobRun.
  private static final String LOCK_JOB_RUNS =
      "SELECT id, maximum_concurrent_requests FROM job_runs WHERE status = 'RUNNING' AND id IN"
          + " (SELECT f.value ->> 'j' FROM %s) ORDER BY id";
  private static final String COUNT_RUNNING =
      "SELECT job_run_id, COUNT(*) FROM runs WHERE status = 'RUNNING' AND job_run_id IN"
          + " (SELECT f.value ->> 'j' FROM %s) GROUP BY job_run_id";
  private static final String INSERT_ATTEMPTS =
      "INSERT INTO attempts (run_id, number, status, started_at, node)"
          + " SELECT id, attempt_count, 'RUNNING', ?, ? FROM runs"
          + " WHERE id IN (SELECT f.value ->> 'r' FROM %s)";
  // JobRuns in id order, standalone Runs last; within a group, oldest due first.
  private static final Comparator<RunRecord> CLAIM_ORDER =
      Comparator.comparing(RunRecord::jobRunId, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(RunRecord::dueAt)
          .thenComparingLong(RunRecord::seq)
          .thenComparing(RunRecord::id);

  private final SqlDialect dialect;
  private final String lockJobRunsSql;
  private final String countRunningSql;
  private final String insertAttemptsSql;
  private final String claimForJobRunSql;
  private final String claimFirstRunsSql;
  private final String claimStandaloneSql;

  DispatchQueries(SqlDialect dialect) {
    this.dialect = dialect;
    this.lockJobRunsSql = lockJobRunsSql(dialect);
    this.countRunningSql = countRunningSql(dialect);
    this.insertAttemptsSql = insertAttemptsSql(dialect);
    this.claimForJobRunSql = dialect.claimRuns(false);
    this.claimFirstRunsSql = dialect.claimFirstRuns();
    this.claimStandaloneSql = dialect.claimRuns(true);
  }

  /** JobRun groups by id, then the standalone group; one query (one round trip). */
  List<RunnableGroup> runnableGroups(Connection c, Instant now) throws SQLException {
    return Sql.list(
        c,
        RUNNABLE_GROUPS,
        row ->
            row.getString(1) == null
                ? new RunnableGroup(null, Integer.MAX_VALUE, row.getInt(3))
                : new RunnableGroup(row.getString(1), row.getInt(2), row.getInt(3)),
        now,
        now);
  }

  List<ClaimedAttempt> claim(
      Connection c, String node, DispatchStore.Allocation allocation, Instant now)
      throws SQLException {
    Map<String, Integer> quotas = allocation.split().apply(window(c, allocation, now));
    return quotas.isEmpty() ? List.of() : claim(c, node, quotas, now);
  }

  private List<RunnableGroup> window(Connection c, DispatchStore.Allocation allocation, Instant now)
      throws SQLException {
    RowMapper<RunnableGroup> group =
        row -> new RunnableGroup(row.getString(1), row.getInt(2), row.getInt(3));
    int max = allocation.maxGroups();
    // "" sorts before every id: from the first JobRun.
    String after = allocation.after() == null ? "" : allocation.after();
    List<RunnableGroup> groups = new ArrayList<>(Sql.list(c, WINDOW_AFTER, group, after, now, max));
    if (groups.size() < max && !after.isEmpty()) {
      groups.addAll(Sql.list(c, WINDOW_UP_TO, group, after, now, max - groups.size()));
    }
    Sql.one(c, STANDALONE_GROUP, row -> row.getInt(1), now)
        .ifPresent(running -> groups.add(new RunnableGroup(null, Integer.MAX_VALUE, running)));
    return groups;
  }

  /**
   * Claims up to each group's quota of its due PENDING Runs, within each JobRun's cap, and starts
   * an attempt for each. The JobRuns' rows are locked first, in id order (as completions lock
   * them), and their RUNNING Runs counted after, in a statement of its own: in READ COMMITTED it
   * then sees what a claimer that held the locks before has committed. The JobRuns given one Run
   * (most, when many small JobRuns share the slots) are claimed by one statement together; a JobRun
   * given more by one of its own, its cost shared by its Runs.
   */
  List<ClaimedAttempt> claim(Connection c, String node, Map<String, Integer> quotas, Instant now)
      throws SQLException {
    Map<String, Integer> room = room(c, quotas);
    List<String> oneEach = new ArrayList<>();
    List<RunRecord> runs = new ArrayList<>();
    try (PreparedStatement forJobRun = c.prepareStatement(claimForJobRunSql)) {
      for (Map.Entry<String, Integer> quota : room.entrySet()) {
        int wanted = Math.min(quota.getValue(), quotas.get(quota.getKey()));
        if (wanted == 1) {
          oneEach.add(quota.getKey());
        } else if (wanted > 1) {
          Sql.bind(forJobRun, quota.getKey(), quota.getKey(), now, wanted, now);
          runs.addAll(Sql.list(forJobRun, Rows::run));
        }
      }
    }
    if (!oneEach.isEmpty()) {
      runs.addAll(Sql.list(c, claimFirstRunsSql, Rows::run, now, JsonRows.of("j", oneEach), now));
    }
    int standalone = standaloneQuota(quotas);
    if (standalone > 0) {
      runs.addAll(Sql.list(c, claimStandaloneSql, Rows::run, now, standalone, now));
    }
    if (runs.isEmpty()) {
      return List.of();
    }
    runs.sort(CLAIM_ORDER);
    List<ClaimedAttempt> claimed = new ArrayList<>(runs.size());
    List<String> runIds = new ArrayList<>(runs.size());
    for (RunRecord run : runs) {
      claimed.add(new ClaimedAttempt(run, run.attemptCount()));
      runIds.add(run.id());
    }
    Sql.update(c, insertAttemptsSql, now, node, JsonRows.of("r", runIds));
    return claimed;
  }

  /**
   * How many more Runs each JobRun with a quota may start: its cap minus its RUNNING Runs, with its
   * row locked; in id order, so that two claimers lock them in the same order. A JobRun that is no
   * longer RUNNING is left out.
   */
  private Map<String, Integer> room(Connection c, Map<String, Integer> quotas) throws SQLException {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
      if (quota.getKey() != null && quota.getValue() != null && quota.getValue() > 0) {
        ids.add(quota.getKey());
      }
    }
    Map<String, Integer> room = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return room;
    }
    String jobRuns = JsonRows.of("j", ids);
    for (Map.Entry<String, Integer> cap :
        Sql.list(c, lockJobRunsSql, row -> Map.entry(row.getString(1), row.getInt(2)), jobRuns)) {
      room.put(cap.getKey(), cap.getValue());
    }
    for (Map.Entry<String, Integer> running :
        Sql.list(c, countRunningSql, row -> Map.entry(row.getString(1), row.getInt(2)), jobRuns)) {
      room.computeIfPresent(running.getKey(), (id, cap) -> cap - running.getValue());
    }
    return room;
  }

  // Not quotas.get(null): an immutable map refuses a null key.
  private static int standaloneQuota(Map<String, Integer> quotas) {
    for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
      if (quota.getKey() == null && quota.getValue() != null) {
        return quota.getValue();
      }
    }
    return 0;
  }

  static String lockJobRunsSql(SqlDialect dialect) {
    return String.format(LOCK_JOB_RUNS, dialect.jsonRows()) + dialect.jobRunLock();
  }

  static String countRunningSql(SqlDialect dialect) {
    return String.format(COUNT_RUNNING, dialect.jsonRows());
  }

  static String insertAttemptsSql(SqlDialect dialect) {
    return String.format(INSERT_ATTEMPTS, dialect.jsonRows());
  }

  int abandonRunningAttempts(Connection c, Instant now) throws SQLException {
    Sql.update(
        c,
        "UPDATE runs SET status = 'PENDING', due_at = ? WHERE "
            + Transitions.into(RunStatus.PENDING)
            + " AND id IN (SELECT run_id FROM attempts WHERE status = 'RUNNING')",
        now);
    return Sql.update(
        c,
        "UPDATE attempts SET status = 'ABANDONED', ended_at = ?, error = ? WHERE "
            + Transitions.into(AttemptStatus.ABANDONED),
        now,
        "abandoned: the server stopped while it ran");
  }
}
