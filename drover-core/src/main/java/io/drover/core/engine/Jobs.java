package io.drover.core.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.Clock;
import io.drover.core.auth.AuthSessionRefs;
import io.drover.core.job.InvalidDocumentException;
import io.drover.core.job.JobConfig;
import io.drover.core.job.JobConfigParser;
import io.drover.core.job.JobDocuments;
import io.drover.core.job.PayloadItemConfig;
import io.drover.core.job.Problem;
import io.drover.core.job.RedactedSecrets;
import io.drover.core.job.SealedSinks;
import io.drover.core.job.SinkConfig;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.schedule.Schedule;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.ConflictException;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.NotFoundException;
import io.drover.core.store.Page;
import io.drover.core.store.PayloadRow;
import io.drover.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Job lifecycle: save (create, replace, validate only), read, delete, trigger, pause, resume.
 * Documents are parsed as streams and their payload goes to the store in batches, so a Job of any
 * size is never held in memory whole.
 */
public final class Jobs {
  private static final ObjectMapper PARAMETERS = new ObjectMapper();
  private final Store store;
  private final Engine engine;
  private final ProjectRegistry projects;
  private final Clock clock;
  private final AuthSessionRefs authSessions;

  Jobs(Engine engine) {
    this.engine = engine;
    this.store = engine.parts().store();
    this.projects = engine.parts().projects();
    this.clock = engine.parts().clock();
    this.authSessions = engine.authSessions();
  }

  /** The outcome of validating without saving. */
  public record Validated(JobConfig config, long payloadSize) {}

  public Validated validate(String project, InputStream document) {
    long[] count = {0};
    JobConfig config = parser(project).parse(document, (index, item) -> count[0]++);
    firesAgain(config, clock.now());
    return new Validated(config, count[0]);
  }

  public JobRecord create(String project, InputStream document) {
    return save(project, null, document);
  }

  /**
   * Replaces a Job; the document's id must be {@code jobId}. Running JobRuns keep their snapshot.
   */
  public JobRecord replace(String project, String jobId, InputStream document) {
    return save(project, jobId, document);
  }

  private JobRecord save(String project, String replacedId, InputStream document) {
    JobConfigParser parser = parser(project);
    JobConfig stored =
        replacedId == null
            ? null
            : store
                .findJob(project, replacedId)
                .map(job -> JobDocuments.fromStoredJson(job.configJson()))
                .orElse(null);
    JobRecord saved =
        store.saveJob(
            replacedId != null,
            payload -> {
              JobConfig parsed =
                  parser.parse(
                      document,
                      (index, item) ->
                          payload.add(
                              item.apiName(),
                              item.parameters().toString(),
                              item.maximumAttempts(),
                              item.requestTimeout()));
              JobConfig config = RedactedSecrets.keepStored(parsed, stored);
              if (replacedId != null && !replacedId.equals(config.id())) {
                throw new InvalidDocumentException(
                    List.of(
                        new Problem(
                            "$.id",
                            '"' + config.id() + '"',
                            "the id of the Job being replaced, \"" + replacedId + "\"")));
              }
              Instant now = clock.now();
              Instant firstFire = firesAgain(config, now);
              return new JobRecord(
                  project,
                  config.id(),
                  JobStatus.ACTIVE,
                  JobDocuments.toJson(
                      SealedSinks.seal(config, engine.parts().secrets()),
                      JobDocuments.Secrets.INCLUDED),
                  null,
                  0,
                  0,
                  now,
                  now,
                  firstFire);
            });
    engine.scheduler().wakeUp();
    return saved;
  }

  /**
   * The Job's first fire after now; a schedule that can never fire again (a calendar whose years
   * have all passed) is refused, as an impossible date is, rather than saved silent.
   */
  private Instant firesAgain(JobConfig config, Instant now) {
    Instant first = engine.scheduler().firstFireAt(config.schedule(), now);
    if (config.schedule() != null && first == null) {
      throw new InvalidDocumentException(
          List.of(
              new Problem(
                  "$.schedule",
                  null,
                  "a schedule that fires after now; this one can never fire again (every time it"
                      + " names has passed)")));
    }
    return first;
  }

  public JobRecord get(String project, String jobId) {
    requireProject(project);
    return store
        .findJob(project, jobId)
        .orElseThrow(
            () ->
                new NotFoundException("job '" + jobId + "' does not exist in project " + project));
  }

  public Page<JobRecord> list(String project, String cursor, int limit) {
    requireProject(project);
    return store.listJobs(project, cursor, limit);
  }

  /** Writes the Job document (secrets hidden) with its payload streamed from the store. */
  public void writeDocument(JobRecord job, JsonGenerator out) throws IOException {
    ObjectNode config =
        JobDocuments.toTree(
            JobDocuments.fromStoredJson(job.configJson()), JobDocuments.Secrets.REDACTED);
    out.writeStartObject();
    for (var fields = config.fields(); fields.hasNext(); ) {
      var field = fields.next();
      out.writeFieldName(field.getKey());
      out.writeTree(field.getValue());
    }
    out.writeArrayFieldStart("payload");
    try {
      store.forEachPayloadItem(
          job.payloadId(),
          row -> {
            try {
              JobDocuments.write(out, item(row));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private static PayloadItemConfig item(PayloadRow row) throws IOException {
    return new PayloadItemConfig(
        row.apiName(),
        (ObjectNode) PARAMETERS.readTree(row.parametersJson()),
        row.maximumAttempts(),
        row.requestTimeout());
  }

  /** Deletes a Job; its active JobRun is canceled first, so nothing keeps executing. */
  public void delete(String project, String jobId) {
    get(project, jobId);
    store
        .activeJobRun(project, jobId)
        .ifPresent(jobRun -> engine.endJobRun(jobRun.id(), JobRunStatus.CANCELED, "job deleted"));
    if (!store.deleteJob(project, jobId)) {
      throw new NotFoundException("job '" + jobId + "' does not exist in project " + project);
    }
  }

  /** The active JobRun whose Runs use the session, if one does (at most one per Job). */
  Optional<JobRunRecord> activeJobRunUsing(String project, String sessionId) {
    String cursor = null;
    do {
      io.drover.core.store.Page<JobRecord> page = store.listJobs(project, cursor, 500);
      for (JobRecord job : page.items()) {
        Optional<JobRunRecord> active = store.activeJobRun(project, job.id());
        if (active.isPresent() && usesSession(active.get().configJson(), sessionId)) {
          return active;
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return Optional.empty();
  }

  private static boolean usesSession(String configJson, String sessionId) {
    try {
      JobConfig config = JobDocuments.fromStoredJson(configJson);
      return config.authSession() != null && config.authSession().id().equals(sessionId);
    } catch (RuntimeException e) {
      return false;
    }
  }

  public JobRunRecord trigger(String project, String jobId, Trigger trigger) {
    JobRecord job = get(project, jobId);
    if (job.status() == JobStatus.PAUSED) {
      throw new ConflictException("job '" + jobId + "' is paused; resume it before triggering it");
    }
    JobConfig config = JobDocuments.fromStoredJson(job.configJson());
    if (config.authSession() != null) {
      String id = config.authSession().id();
      authSessions
          .refusal(project, id)
          .ifPresent(
              expected -> {
                throw new ConflictException(
                    "job '"
                        + jobId
                        + "' cannot be triggered: its authSession.id is \""
                        + id
                        + "\", expected "
                        + expected);
              });
    }
    return engine.startJobRun(
        newJobRun(
            engine.ids().next(),
            job,
            config,
            trigger,
            engine.settings().defaultConcurrency(),
            clock.now()),
        config);
  }

  /**
   * The JobRun a trigger or a schedule fire starts: the Job's configuration resolved to numbers.
   */
  static Store.NewJobRun newJobRun(
      String id,
      JobRecord job,
      JobConfig config,
      Trigger trigger,
      int defaultConcurrency,
      Instant now) {
    Integer cap = config.configuration().maximumConcurrentRequests();
    return new Store.NewJobRun(
        id,
        job.project(),
        job.id(),
        trigger,
        job.configJson(),
        cap != null ? cap : defaultConcurrency,
        config.configuration().maximumAttempts(),
        config.configuration().requestTimeout(),
        now);
  }

  /**
   * No new JobRuns start, by trigger or schedule (a paused Job has no next fire); the active JobRun
   * (if running) pauses and its running attempts are canceled.
   */
  public JobRecord pause(String project, String jobId) {
    get(project, jobId);
    engine.pauseJob(project, jobId);
    return get(project, jobId);
  }

  /** The paused JobRun continues; the schedule fires again from now on (what was missed is not). */
  public JobRecord resume(String project, String jobId) {
    JobRecord job = get(project, jobId);
    Schedule schedule = JobDocuments.fromStoredJson(job.configJson()).schedule();
    engine.resumeJob(project, jobId, engine.scheduler().firstFireAt(schedule, clock.now()));
    return get(project, jobId);
  }

  private JobConfigParser parser(String project) {
    requireProject(project);
    return new JobConfigParser(projects.apiNames(project), id -> authSessions.refusal(project, id));
  }

  private void requireProject(String project) {
    if (!projects.hasProject(project)) {
      throw new NotFoundException(
          "project '"
              + project
              + "' does not exist; projects on this server: "
              + projects.projectNames());
    }
  }

  /**
   * A standalone Run's {@code sink}, read and checked as a Job's is (problems at {@code
   * $.sink...}); null when there is none.
   */
  public SinkConfig runSink(String project, JsonNode sink) {
    if (sink == null || sink.isNull()) {
      return null;
    }
    return parser(project).parseSink(sink);
  }
}
