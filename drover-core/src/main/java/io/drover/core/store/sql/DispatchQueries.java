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
  private static final String INSERT_ATTEMPT =
      "INSERT INTO attempts (run_id, number, status, started_at, node)"
          + " VALUES (?, ?, 'RUNNING', ?, ?)";
  private static final String LOCK_JOB_RUN =
      "SELECT maximum_concurrent_requests FROM job_runs WHERE id = ? AND status = 'RUNNING'";
  private static final String COUNT_RUNNING =
      "SELECT COUNT(*) FROM runs WHERE job_run_id = ? AND status = 'RUNNING'";
  private static final Comparator<RunRecord> DUE_ORDER =
      Comparator.comparing(RunRecord::dueAt)
          .thenComparingLong(RunRecord::seq)
          .thenComparing(RunRecord::id);

  private final SqlDialect dialect;

  DispatchQueries(SqlDialect dialect) {
    this.dialect = dialect;
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

  List<ClaimedAttempt> claim(Connection c, String node, Map<String, Integer> quotas, Instant now)
      throws SQLException {
    List<ClaimedAttempt> claimed = new ArrayList<>();
    try (PreparedStatement forJobRun = c.prepareStatement(dialect.claimRuns(false));
        PreparedStatement standalone = c.prepareStatement(dialect.claimRuns(true));
        PreparedStatement lock = c.prepareStatement(LOCK_JOB_RUN + dialect.jobRunLock());
        PreparedStatement count = c.prepareStatement(COUNT_RUNNING);
        PreparedStatement attempt = c.prepareStatement(INSERT_ATTEMPT)) {
      for (Map.Entry<String, Integer> quota : inLockOrder(quotas)) {
        String jobRunId = quota.getKey();
        int wanted = quota.getValue();
        if (jobRunId != null) {
          wanted = Math.min(wanted, room(lock, count, jobRunId));
        }
        if (wanted <= 0) {
          continue;
        }
        if (jobRunId == null) {
          Sql.bind(standalone, now, wanted, now);
        } else {
          Sql.bind(forJobRun, jobRunId, jobRunId, now, wanted, now);
        }
        List<RunRecord> runs = Sql.list(jobRunId == null ? standalone : forJobRun, Rows::run);
        runs.sort(DUE_ORDER);
        for (RunRecord run : runs) {
          Sql.bind(attempt, run.id(), run.attemptCount(), now, node);
          attempt.addBatch();
          claimed.add(new ClaimedAttempt(run, run.attemptCount()));
        }
      }
      if (!claimed.isEmpty()) {
        attempt.executeBatch();
      }
    }
    return claimed;
  }

  /**
   * How many more of the JobRun's Runs may start: its cap minus its RUNNING Runs, counted after its
   * row is locked — in a statement of its own, so that (in READ COMMITTED) it sees what a claimer
   * that held the lock before has committed. Zero if the JobRun is not RUNNING.
   */
  private static int room(PreparedStatement lock, PreparedStatement count, String jobRunId)
      throws SQLException {
    Sql.bind(lock, jobRunId);
    List<Integer> cap = Sql.list(lock, row -> row.getInt(1));
    if (cap.isEmpty()) {
      return 0;
    }
    Sql.bind(count, jobRunId);
    return cap.get(0) - Sql.list(count, row -> row.getInt(1)).get(0);
  }

  /** JobRuns by id (so that two claimers lock them in the same order), standalone Runs last. */
  private static List<Map.Entry<String, Integer>> inLockOrder(Map<String, Integer> quotas) {
    List<Map.Entry<String, Integer>> ordered = new ArrayList<>();
    for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
      if (quota.getValue() != null && quota.getValue() > 0) {
        ordered.add(quota);
      }
    }
    ordered.sort(Map.Entry.comparingByKey(Comparator.nullsLast(Comparator.naturalOrder())));
    return ordered;
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
