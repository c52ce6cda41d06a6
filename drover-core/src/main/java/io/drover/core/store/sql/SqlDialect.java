package io.drover.core.store.sql;

import io.drover.core.state.RunStatus;

/**
 * The SQL that may differ between databases. The defaults are plain SQL that SQLite runs as is; a
 * database overrides only what it must (PostgreSQL: claim with {@code FOR UPDATE SKIP LOCKED}).
 */
public class SqlDialect {

  /**
   * Claims due PENDING Runs of one group, oldest due first, and returns them updated. Parameters in
   * order: [jobRunId (twice) unless standalone], dueAt, limit, startedAt. The Runs are picked once,
   * in a materialized WITH: an {@code IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)} may be run
   * again for every row it updates on PostgreSQL, each time skipping the rows it already locked.
   */
  public String claimRuns(boolean standalone) {
    String group =
        standalone
            ? "r.job_run_id IS NULL"
            : "r.job_run_id = ? AND EXISTS (SELECT 1 FROM job_runs j WHERE j.id = ?"
                + " AND j.status = 'RUNNING')";
    return claimPicked(
        "SELECT r.id FROM runs r WHERE "
            + group
            + " AND r.status = 'PENDING' AND r.due_at <= ?"
            + " ORDER BY r.due_at, r.seq LIMIT ?"
            + claimLock());
  }

  /**
   * Claims the oldest due PENDING Run of each of several JobRuns, and returns them updated.
   * Parameters in order: dueAt, the JobRuns ({@link JsonRows}, their ids in field 'j'), startedAt.
   * One Run each: a LIMIT may not depend on the row in SQLite, so a JobRun given more Runs is
   * claimed by {@link #claimRuns} instead. The JobRuns must be RUNNING and their rows locked.
   */
  public String claimFirstRuns() {
    return claimPicked(
        "SELECT (SELECT r.id FROM runs r"
            + " WHERE r.job_run_id = f.value ->> 'j' AND r.status = 'PENDING' AND r.due_at <= ?"
            + " ORDER BY r.due_at, r.seq LIMIT 1"
            + claimLock()
            + ") AS id FROM "
            + jsonRows());
  }

  /**
   * Claims the Runs that {@code pick} selects (a query of ids), picked once in a materialized WITH,
   * and returns them updated; its last parameter is startedAt.
   */
  private static String claimPicked(String pick) {
    return "WITH picked AS MATERIALIZED ("
        + pick
        + ") UPDATE runs SET status = 'RUNNING', attempt_count = attempt_count + 1,"
        + " started_at = COALESCE(started_at, ?)"
        + " WHERE "
        + Transitions.into(RunStatus.RUNNING)
        + " AND id IN (SELECT id FROM picked) RETURNING "
        + Rows.RUN_COLUMNS;
  }

  /**
   * Claims up to a limit of due PENDING deliveries that no node holds, for a node, oldest due
   * first. Parameters in order: now, limit, node. Picked once in a materialized WITH, with the
   * claim lock, as Runs are.
   */
  public String claimDeliveries() {
    return "WITH picked AS MATERIALIZED (SELECT id FROM deliveries"
        + " WHERE status = 'PENDING' AND node IS NULL AND next_try_at <= ?"
        + " ORDER BY next_try_at LIMIT ?"
        + claimLock()
        + ") UPDATE deliveries SET node = ? WHERE id IN (SELECT id FROM picked)"
        + " AND status = 'PENDING' AND node IS NULL"
        + " RETURNING id, job_run_id, body_json, tries, run_id, project, created_at, api_name";
  }

  /**
   * A table of the objects of a JSON array bound as one parameter ({@link JsonRows}), named {@code
   * f}, each object in its column {@code value}: SQLite's {@code json_each}.
   */
  public String jsonRows() {
    return "json_each(?) f";
  }

  /**
   * Appended to the query that picks the Runs to claim, so that concurrent claimers skip each
   * other's rows (PostgreSQL: {@code " FOR UPDATE SKIP LOCKED"}). SQLite needs nothing: it has one
   * writer.
   */
  protected String claimLock() {
    return "";
  }

  /**
   * Appended to the query that reads a JobRun's cap before its Runs are claimed, so that claimers
   * on other nodes (and a pause or end of the JobRun) wait until this claim has committed and then
   * count the Runs it started. SQLite needs nothing: it has one writer.
   */
  protected String jobRunLock() {
    return "";
  }

  /**
   * Whether only one node may use the database at a time (SQLite: one process per file), so that a
   * node that joins knows every other node is gone.
   */
  protected boolean oneNodePerDatabase() {
    return true;
  }
}
