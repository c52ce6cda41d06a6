package io.drover.core.store.sql;

import static io.drover.core.store.sql.Rows.JOB_COLUMNS;

import io.drover.core.store.FireOutcome;
import io.drover.core.store.FireOutcome.Kind;
import io.drover.core.store.JobRecord;
import io.drover.core.store.ScheduledFire;
import io.drover.core.store.SkippedFire;
import io.drover.core.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Due Jobs, scheduled fires (advance nextFireAt + JobRun or skip) and the skipped-fire log. */
final class ScheduleQueries {
  static final String DUE =
      "SELECT "
          + JOB_COLUMNS
          + " FROM jobs WHERE next_fire_at <= ? AND status = 'ACTIVE'"
          + " ORDER BY next_fire_at LIMIT ?";
  // The compare-and-set that makes a fire happen once: only to the Job exactly as it was read.
  private static final String ADVANCE =
      "UPDATE jobs SET next_fire_at = ? WHERE project = ? AND id = ? AND version = ?"
          + " AND next_fire_at = ? AND status = 'ACTIVE'";
  private static final String INSERT_SKIP =
      "INSERT INTO skipped_fires (project, job_id, nominal_at, recorded_at, reason)"
          + " VALUES (?, ?, ?, ?, ?)";
  // Keeps the newest SKIPPED_FIRES_KEPT: with fewer, the subquery is NULL and nothing goes.
  private static final String TRIM_SKIPS =
      "DELETE FROM skipped_fires WHERE project = ? AND job_id = ? AND id < (SELECT id FROM"
          + " skipped_fires WHERE project = ? AND job_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)";
  private static final String LIST_SKIPS =
      "SELECT project, job_id, nominal_at, recorded_at, reason FROM skipped_fires"
          + " WHERE project = ? AND job_id = ? ORDER BY id DESC LIMIT ?";

  private final JobRunQueries jobRuns;

  ScheduleQueries(JobRunQueries jobRuns) {
    this.jobRuns = jobRuns;
  }

  List<JobRecord> due(Connection c, Instant upTo, int limit) throws SQLException {
    return Sql.list(c, DUE, Rows::job, upTo, Sql.clampLimit(limit));
  }

  List<FireOutcome> fire(Connection c, List<ScheduledFire> fires) throws SQLException {
    List<FireOutcome> outcomes = new ArrayList<>(fires.size());
    for (ScheduledFire fire : fires) {
      outcomes.add(fire(c, fire));
    }
    return outcomes;
  }

  private FireOutcome fire(Connection c, ScheduledFire fire) throws SQLException {
    Store.NewJobRun jobRun = fire.jobRun();
    if (jobRun != null
        && !(jobRun.project().equals(fire.project()) && jobRun.jobId().equals(fire.jobId()))) {
      throw new IllegalArgumentException(
          "the JobRun of a fire of Job '"
              + fire.jobId()
              + "' in project '"
              + fire.project()
              + "' is for Job '"
              + jobRun.jobId()
              + "' in project '"
              + jobRun.project()
              + "': expected the same Job");
    }
    int advanced =
        Sql.update(
            c,
            ADVANCE,
            fire.nextFireAt(),
            fire.project(),
            fire.jobId(),
            fire.version(),
            fire.expectedNextFireAt());
    if (advanced == 0) {
      return new FireOutcome(Kind.STALE, null, null);
    }
    SkippedFire missed = fire.missedReason() == null ? null : skip(c, fire, fire.missedReason());
    if (jobRun == null) {
      return new FireOutcome(Kind.ADVANCED, null, missed);
    }
    Optional<JobRunQueries.Active> active = jobRuns.activeOf(c, fire.project(), fire.jobId());
    if (active.isPresent()) {
      String reason =
          "JobRun "
              + active.get().id()
              + " was still "
              + active.get().status().name().toLowerCase();
      return new FireOutcome(Kind.SKIPPED, null, skip(c, fire, reason));
    }
    // Advanced just now, so the Job exists and is ACTIVE: only the active JobRun was left to check.
    return new FireOutcome(Kind.STARTED, jobRuns.insert(c, jobRun), missed);
  }

  private SkippedFire skip(Connection c, ScheduledFire fire, String reason) throws SQLException {
    Sql.update(c, INSERT_SKIP, fire.project(), fire.jobId(), fire.nominalAt(), fire.now(), reason);
    Sql.update(
        c,
        TRIM_SKIPS,
        fire.project(),
        fire.jobId(),
        fire.project(),
        fire.jobId(),
        Store.SKIPPED_FIRES_KEPT - 1);
    return new SkippedFire(fire.project(), fire.jobId(), fire.nominalAt(), fire.now(), reason);
  }

  List<SkippedFire> skipped(Connection c, String project, String jobId, int limit)
      throws SQLException {
    return Sql.list(
        c,
        LIST_SKIPS,
        row ->
            new SkippedFire(
                row.getString("project"),
                row.getString("job_id"),
                Sql.instant(row, "nominal_at"),
                Sql.instant(row, "recorded_at"),
                row.getString("reason")),
        project,
        jobId,
        Sql.clampLimit(limit));
  }

  static void deleteSkips(Connection c, String project, String jobId) throws SQLException {
    Sql.update(c, "DELETE FROM skipped_fires WHERE project = ? AND job_id = ?", project, jobId);
  }
}
