package io.drover.core.store.sql;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.NewRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Applies attempt outcomes: attempt, Run, result and extensions together, or nothing. */
final class FinishQueries {
  private static final String FINISH_ATTEMPT =
      "UPDATE attempts SET status = ?, ended_at = ?, error = ?"
          + " WHERE run_id = ? AND number = ? AND "
          + Transitions.into(
              AttemptStatus.SUCCEEDED, AttemptStatus.FAILED, AttemptStatus.TIMED_OUT);
  private static final String FINISH_RUN =
      "UPDATE runs SET status = ?, attempts_used = attempts_used + ?, result_json = ?, error = ?,"
          + " due_at = COALESCE(?, due_at), ended_at = ? WHERE id = ? AND "
          + Transitions.into(RunStatus.PENDING, RunStatus.COMPLETED, RunStatus.FAILED)
          + " RETURNING project, job_run_id, job_id";
  private static final String RESERVE_SEQS =
      "UPDATE job_runs SET next_seq = next_seq + ? WHERE id = ? RETURNING next_seq";

  List<Boolean> finish(Connection c, List<AttemptOutcome> outcomes, Instant now)
      throws SQLException {
    outcomes.forEach(FinishQueries::check);
    List<Boolean> applied = new ArrayList<>(outcomes.size());
    Set<String> touched = new LinkedHashSet<>();
    try (PreparedStatement attempt = c.prepareStatement(FINISH_ATTEMPT);
        PreparedStatement run = c.prepareStatement(FINISH_RUN);
        PreparedStatement reserve = c.prepareStatement(RESERVE_SEQS);
        PreparedStatement extend = c.prepareStatement(RunQueries.INSERT)) {
      for (AttemptOutcome outcome : outcomes) {
        Sql.bind(
            attempt,
            outcome.attemptStatus(),
            now,
            outcome.error(),
            outcome.runId(),
            outcome.attempt());
        if (attempt.executeUpdate() == 0) {
          applied.add(false); // canceled or abandoned meanwhile: its result is dropped
          continue;
        }
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
        try (ResultSet row = run.executeQuery()) {
          if (!row.next()) {
            throw new IllegalStateException(
                "Run '"
                    + outcome.runId()
                    + "' has a RUNNING attempt "
                    + outcome.attempt()
                    + " but is not RUNNING itself");
          }
          String jobRunId = row.getString("job_run_id");
          if (jobRunId != null) {
            touched.add(jobRunId);
          }
          extend(
              reserve,
              extend,
              outcome,
              row.getString("project"),
              jobRunId,
              row.getString("job_id"),
              now);
        }
        applied.add(true);
      }
    }
    for (String jobRunId : touched) {
      JobRunQueries.completeIfDone(c, jobRunId, now);
    }
    return applied;
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
