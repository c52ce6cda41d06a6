package io.drover.core.store.sql;

import static io.drover.core.store.sql.Rows.JOB_COLUMNS;
import static io.drover.core.store.sql.Rows.PAYLOAD_COLUMNS;

import io.drover.core.state.JobStatus;
import io.drover.core.store.ConflictException;
import io.drover.core.store.JobRecord;
import io.drover.core.store.NotFoundException;
import io.drover.core.store.Page;
import io.drover.core.store.PayloadInserter;
import io.drover.core.store.PayloadRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** Jobs and their payloads. */
final class JobQueries {
  static final int PAYLOAD_PAGE = 1000;

  private static final String INSERT =
      "INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String REPLACE =
      "UPDATE jobs SET config_json = ?, payload_id = ?, payload_size = ?, version = ?,"
          + " updated_at = ?, next_fire_at = ? WHERE project = ? AND id = ?";
  private static final String FIND =
      "SELECT " + JOB_COLUMNS + " FROM jobs WHERE project = ? AND id = ?";
  private static final String PAYLOAD_PAGE_SQL =
      "SELECT "
          + PAYLOAD_COLUMNS
          + " FROM payload_items WHERE payload_id = ? AND seq > ?"
          + " ORDER BY seq LIMIT ?";
  private static final String DELETE_PAYLOAD = "DELETE FROM payload_items WHERE payload_id = ?";

  JobRecord save(Connection c, boolean replace, Function<PayloadInserter, JobRecord> document)
      throws SQLException {
    String payloadId = UUID.randomUUID().toString();
    JobRecord given;
    long size;
    try (PayloadBatch payload = new PayloadBatch(c, payloadId)) {
      given = Objects.requireNonNull(document.apply(payload), "the document returned no Job");
      size = payload.finish();
    }
    Instant updatedAt = given.updatedAt() != null ? given.updatedAt() : given.createdAt();
    Objects.requireNonNull(updatedAt, "a saved Job needs createdAt or updatedAt");
    Optional<JobRecord> stored = find(c, given.project(), given.id());
    if (!replace) {
      if (stored.isPresent()) {
        throw new ConflictException(name(given.project(), given.id()) + " already exists");
      }
      JobRecord saved =
          new JobRecord(
              given.project(),
              given.id(),
              given.status() != null ? given.status() : JobStatus.ACTIVE,
              given.configJson(),
              payloadId,
              size,
              1,
              given.createdAt() != null ? given.createdAt() : updatedAt,
              updatedAt,
              given.nextFireAt());
      Sql.update(
          c,
          INSERT,
          saved.project(),
          saved.id(),
          saved.status(),
          saved.configJson(),
          saved.payloadId(),
          saved.payloadSize(),
          saved.version(),
          saved.createdAt(),
          saved.updatedAt(),
          saved.nextFireAt());
      return saved;
    }
    JobRecord old =
        stored.orElseThrow(
            () -> new NotFoundException(name(given.project(), given.id()) + " does not exist"));
    JobRecord saved =
        new JobRecord(
            old.project(),
            old.id(),
            old.status(),
            given.configJson(),
            payloadId,
            size,
            old.version() + 1,
            old.createdAt(),
            updatedAt,
            // A paused Job does not fire: resuming it computes its next fire from then.
            old.status() == JobStatus.PAUSED ? null : given.nextFireAt());
    Sql.update(c, DELETE_PAYLOAD, old.payloadId());
    Sql.update(
        c,
        REPLACE,
        saved.configJson(),
        payloadId,
        size,
        saved.version(),
        updatedAt,
        saved.nextFireAt(),
        saved.project(),
        saved.id());
    return saved;
  }

  Optional<JobRecord> find(Connection c, String project, String jobId) throws SQLException {
    return Sql.one(c, FIND, Rows::job, project, jobId);
  }

  Page<JobRecord> list(Connection c, String project, String cursor, int limit) throws SQLException {
    int size = Sql.clampLimit(limit);
    List<JobRecord> rows =
        Sql.list(
            c,
            "SELECT " + JOB_COLUMNS + " FROM jobs WHERE project = ? AND id > ? ORDER BY id LIMIT ?",
            Rows::job,
            project,
            cursor == null ? "" : cursor,
            size + 1);
    return Sql.page(rows, size, JobRecord::id);
  }

  void forEachPayloadItem(Connection c, String payloadId, Consumer<PayloadRow> consumer)
      throws SQLException {
    try (PreparedStatement page = c.prepareStatement(PAYLOAD_PAGE_SQL)) {
      long after = 0;
      while (true) {
        Sql.bind(page, payloadId, after, PAYLOAD_PAGE);
        List<PayloadRow> rows = Sql.list(page, Rows::payload);
        rows.forEach(consumer);
        if (rows.size() < PAYLOAD_PAGE) {
          return;
        }
        after = rows.get(rows.size() - 1).seq();
      }
    }
  }

  boolean delete(Connection c, String project, String jobId) throws SQLException {
    Optional<JobRecord> job = find(c, project, jobId);
    if (job.isEmpty()) {
      return false;
    }
    Sql.update(c, DELETE_PAYLOAD, job.get().payloadId());
    ScheduleQueries.deleteSkips(c, project, jobId);
    return Sql.update(c, "DELETE FROM jobs WHERE project = ? AND id = ?", project, jobId) == 1;
  }

  boolean setStatus(Connection c, String project, String jobId, JobStatus status, Instant now)
      throws SQLException {
    return Sql.update(
            c,
            "UPDATE jobs SET status = ?, updated_at = ? WHERE project = ? AND id = ?",
            status,
            now,
            project,
            jobId)
        == 1;
  }

  void setNextFireAt(Connection c, String project, String jobId, Instant nextFireAt)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE jobs SET next_fire_at = ? WHERE project = ? AND id = ?",
        nextFireAt,
        project,
        jobId);
  }

  static String name(String project, String jobId) {
    return "Job '" + jobId + "' in project '" + project + "'";
  }
}
