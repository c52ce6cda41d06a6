package io.drover.core.store.sql;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.NewRun;
import io.drover.core.store.RunKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies attempt outcomes: attempt, Run, result, extensions and sink deliveries together, or
 * nothing.
 */
final class FinishQueries {
  private static final String FINISH_ATTEMPT =
      "UPDATE attempts SET status = ?, ended_at = ?, error = ?"
          + " WHERE run_id = ? AND number = ? AND node = ? AND "
          + Transitions.into(
              AttemptStatus.SUCCEEDED, AttemptStatus.FAILED, AttemptStatus.TIMED_OUT);
  private static final String FINISH_RUN =
      "UPDATE runs SET status = ?, attempts_used = attempts_used + ?, result_json = ?, error = ?,"
          + " due_at = COALESCE(?, due_at), ended_at = ? WHERE id = ? AND "
          + Transitions.into(RunStatus.PENDING, RunStatus.COMPLETED, RunStatus.FAILED);
  // The JobRuns a commit touched are bound as one JSON parameter ({@link JsonRows}, field 'j'):
  // one statement for all. (The attempts and Runs are ended by JDBC batches: on SQLite a
  // batch costs less per row than reading each row's fields back out of JSON, by StoreBench.)
  private static final String LOCK_JOB_RUNS =
      "SELECT id FROM job_runs WHERE id IN (SELECT f.value ->> 'j' FROM %s) ORDER BY id";
  private static final String RESERVE_SEQS =
      "UPDATE job_runs SET next_seq = next_seq + ? WHERE id = ? RETURNING next_seq";

  List<Boolean> finish(Connection c, String node, List<AttemptOutcome> outcomes, Instant now)
      throws SQLException {
    outcomes.forEach(FinishQueries::check);
    boolean[] ended = endAttempts(c, node, outcomes, now);
    List<AttemptOutcome> applying = new ArrayList<>();
    List<Boolean> applied = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      applied.add(ended[i]); // false: canceled, or abandoned (lease lost) meanwhile: dropped
      if (ended[i]) {
        applying.add(outcomes.get(i));
      }
    }
    if (applying.isEmpty()) {
      return applied;
    }
    endRuns(c, applying, now);
    deliveries.create(c, applying, now);
    Set<String> touched = new LinkedHashSet<>();
    try (PreparedStatement reserve = c.prepareStatement(RESERVE_SEQS);
        PreparedStatement extend = c.prepareStatement(RunQueries.INSERT)) {
      for (AttemptOutcome outcome : applying) {
        RunKeys run = outcome.keys();
        if (run.jobRunId() != null) {
          touched.add(run.jobRunId());
        }
        extend(reserve, extend, outcome, run.project(), run.jobRunId(), run.jobId(), now);
      }
    }
    completeIfDone(c, touched, now);
    return applied;
  }

  private final String lockJobRunsSql;
  private final String completeIfDoneSql;
  private final DeliveryQueries deliveries;

  FinishQueries(SqlDialect dialect, DeliveryQueries deliveries) {
    this.lockJobRunsSql = lockJobRunsSql(dialect);
    this.completeIfDoneSql = completeIfDoneSql(dialect);
    this.deliveries = deliveries;
  }

  /**
   * JobRuns left with no PENDING or RUNNING Run are COMPLETED. The JobRuns' rows are locked first
   * and then checked in a statement of its own: two nodes that end a JobRun's last two Runs at the
   * same time would otherwise each see the other's Run still RUNNING (READ COMMITTED), and the
   * JobRun would never complete. In id order, as claims lock them.
   */
  private void completeIfDone(Connection c, Set<String> jobRunIds, Instant now)
      throws SQLException {
    if (jobRunIds.isEmpty()) {
      return;
    }
    String ids = JsonRows.of("j", jobRunIds);
    Sql.list(c, lockJobRunsSql, row -> row.getString(1), ids);
    Sql.update(c, completeIfDoneSql, now, ids);
  }

  static String lockJobRunsSql(SqlDialect dialect) {
    return String.format(LOCK_JOB_RUNS, dialect.jsonRows()) + dialect.jobRunLock();
  }

  static String completeIfDoneSql(SqlDialect dialect) {
    return String.format(
        JobRunQueries.COMPLETE_DONE,
        "id IN (SELECT f.value ->> 'j' FROM " + dialect.jsonRows() + ")");
  }

  // Each step is one JDBC batch (or one query) for the whole group, not a statement per outcome:
  // on a database across a network (PostgreSQL) that is a round trip per step, not per attempt.

  /** Ends the attempts still RUNNING on {@code node}; per outcome, whether its attempt did. */
  private static boolean[] endAttempts(
      Connection c, String node, List<AttemptOutcome> outcomes, Instant now) throws SQLException {
    try (PreparedStatement attempt = c.prepareStatement(FINISH_ATTEMPT)) {
      for (AttemptOutcome outcome : outcomes) {
        Sql.bind(
            attempt,
            outcome.attemptStatus(),
            now,
            outcome.error(),
            outcome.runId(),
            outcome.attempt(),
            node);
        attempt.addBatch();
      }
      int[] counts = attempt.executeBatch();
      boolean[] ended = new boolean[outcomes.size()];
      for (int i = 0; i < counts.length; i++) {
        ended[i] = counts[i] > 0;
      }
      return ended;
    }
  }

  private static void endRuns(Connection c, List<AttemptOutcome> outcomes, Instant now)
      throws SQLException {
    try (PreparedStatement run = c.prepareStatement(FINISH_RUN)) {
      for (AttemptOutcome outcome : outcomes) {
        RunStatus next = outcome.nextRunStatus();
        Sql.bind(
            run,
            next,
            outcome.attemptStatus().countsTowardsMaximum() ? 1 : 0,
            outcome.resultJson(),
            outcome.error(),
            next == RunStatus.PENDING
                ? (outcome.retryAt() != null ? outcome.retryAt() : now)
                : null,
            next.ended() ? now : null,
            outcome.runId());
        run.addBatch();
      }
      int[] counts = run.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          AttemptOutcome outcome = outcomes.get(i);
          throw new IllegalStateException(
              "Run '"
                  + outcome.runId()
                  + "' has a RUNNING attempt "
                  + outcome.attempt()
                  + " but is not RUNNING itself");
        }
      }
    }
  }

  private static void extend(
      PreparedStatement reserve,
      PreparedStatement insert,
      AttemptOutcome outcome,
      String project,
      String jobRunId,
      String jobId,
      Instant now)
      throws SQLException {
    List<NewRun> extensions = outcome.extensions();
    if (extensions.isEmpty()) {
      return;
    }
    if (jobRunId == null) {
      throw new IllegalArgumentException(
          "Run '"
              + outcome.runId()
              + "' is standalone: only a Run of a JobRun can extend its payload");
    }
    Sql.bind(reserve, extensions.size(), jobRunId);
    long next;
    try (ResultSet row = reserve.executeQuery()) {
      row.next();
      next = row.getLong(1);
    }
    long seq = next - extensions.size();
    for (NewRun extension : extensions) {
      RunQueries.bindInsert(
          insert, jobRunId + "-" + seq, project, jobRunId, jobId, seq, extension, now);
      insert.addBatch();
      seq++;
    }
    insert.executeBatch();
  }

  private static void check(AttemptOutcome outcome) {
    if (outcome.attemptStatus() == AttemptStatus.RUNNING) {
      throw new IllegalArgumentException(
          "attemptStatus: an outcome ends the attempt, not RUNNING"
              + " (Run '"
              + outcome.runId()
              + "')");
    }
    if (!RunStatus.RUNNING.canBecome(outcome.nextRunStatus())) {
      throw new IllegalArgumentException(
          "nextRunStatus: a RUNNING Run cannot become "
              + outcome.nextRunStatus()
              + " (Run '"
              + outcome.runId()
              + "')");
    }
  }
}
