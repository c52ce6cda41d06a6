package io.drover.core.store.sql;

import static io.drover.core.store.sql.Rows.JOB_COLUMNS;

import io.drover.core.store.FireOutcome;
import io.drover.core.store.FireOutcome.Kind;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.ScheduledFire;
import io.drover.core.store.SkippedFire;
import io.drover.core.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Due Jobs, scheduled fires (advance nextFireAt + JobRun or skip) and the skipped-fire log. */
final class ScheduleQueries {
  static final String DUE =
      "SELECT "
          + JOB_COLUMNS
          + " FROM jobs WHERE next_fire_at <= ? AND status = 'ACTIVE'"
          + " ORDER BY next_fire_at LIMIT ?";
  // The compare-and-set that makes a fire happen once: only to the Job exactly as it was read. For
  // a group of fires (JsonRows: p project, j job, v version, e expected and x next nextFireAt);
  // RETURNING names the Jobs it advanced.
  private static final String ADVANCE =
      "UPDATE jobs SET next_fire_at = CAST(f.value ->> 'x' AS BIGINT) FROM %s"
          + " WHERE jobs.project = f.value ->> 'p' AND jobs.id = f.value ->> 'j'"
          + " AND jobs.version = CAST(f.value ->> 'v' AS BIGINT)"
          + " AND jobs.next_fire_at = CAST(f.value ->> 'e' AS BIGINT) AND jobs.status = 'ACTIVE'"
          + " RETURNING project, id";
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
  private final String advance;

  ScheduleQueries(JobRunQueries jobRuns, SqlDialect dialect) {
    this.jobRuns = jobRuns;
    this.advance = advanceSql(dialect);
  }

  static String advanceSql(SqlDialect dialect) {
    return String.format(ADVANCE, dialect.jsonRows());
  }

  List<JobRecord> due(Connection c, Instant upTo, int limit) throws SQLException {
    return Sql.list(c, DUE, Rows::job, upTo, Sql.clampLimit(limit));
  }

  /**
   * Applies a group of fires of distinct Jobs in a constant number of statements: one advances
   * every Job that is still as it was read, one starts the JobRuns of the advanced and one copies
   * their payloads; skips, rare, are written one by one.
   */
  List<FireOutcome> fire(Connection c, List<ScheduledFire> fires) throws SQLException {
    Set<String> jobs = new HashSet<>();
    JsonRows rows = new JsonRows();
    for (ScheduledFire fire : fires) {
      check(fire);
      if (!jobs.add(key(fire.project(), fire.jobId()))) {
        throw new IllegalArgumentException(
            "two fires of Job '"
                + fire.jobId()
                + "' in project '"
                + fire.project()
                + "' in one group: expected one fire per Job");
      }
      rows.row()
          .put("p", fire.project())
          .put("j", fire.jobId())
          .put("v", fire.version())
          .put("e", fire.expectedNextFireAt())
          .put("x", fire.nextFireAt());
    }
    Set<String> advanced = new HashSet<>();
    for (String job :
        Sql.list(c, advance, row -> key(row.getString(1), row.getString(2)), rows.json())) {
      advanced.add(job);
    }
    FireOutcome[] outcomes = new FireOutcome[fires.size()];
    SkippedFire[] missed = new SkippedFire[fires.size()];
    List<Store.NewJobRun> starting = new ArrayList<>();
    for (int i = 0; i < fires.size(); i++) {
      ScheduledFire fire = fires.get(i);
      if (!advanced.contains(key(fire.project(), fire.jobId()))) {
        outcomes[i] = new FireOutcome(Kind.STALE, null, null);
        continue;
      }
      missed[i] = fire.missedReason() == null ? null : skip(c, fire, fire.missedReason());
      if (fire.jobRun() == null) {
        outcomes[i] = new FireOutcome(Kind.ADVANCED, null, missed[i]);
      } else {
        starting.add(fire.jobRun());
      }
    }
    // Advanced just now, so each Job exists and is ACTIVE: only an active JobRun stops a start.
    Map<String, JobRunRecord> started = jobRuns.start(c, starting);
    for (int i = 0; i < fires.size(); i++) {
      ScheduledFire fire = fires.get(i);
      if (outcomes[i] != null) {
        continue;
      }
      JobRunRecord jobRun = started.get(fire.jobRun().id());
      if (jobRun != null) {
        outcomes[i] = new FireOutcome(Kind.STARTED, jobRun, missed[i]);
        continue;
      }
      JobRunQueries.Active active =
          jobRuns
              .activeOf(c, fire.project(), fire.jobId())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the JobRun of a fire of Job '"
                              + fire.jobId()
                              + "' was not started, and the Job has no active JobRun"));
      String reason =
          "JobRun " + active.id() + " was still " + active.status().name().toLowerCase();
      outcomes[i] = new FireOutcome(Kind.SKIPPED, null, skip(c, fire, reason));
    }
    return List.of(outcomes);
  }

  private static String key(String project, String jobId) {
    return project + '\u0000' + jobId;
  }

  private static void check(ScheduledFire fire) {
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
