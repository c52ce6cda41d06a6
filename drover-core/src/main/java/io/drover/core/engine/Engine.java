package io.drover.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.Ids;
import io.drover.core.auth.AuthSession;
import io.drover.core.job.JobConfig;
import io.drover.core.job.JobDocuments;
import io.drover.core.job.SealedSinks;
import io.drover.core.job.SinkConfig;
import io.drover.core.state.JobRunStatus;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ConflictException;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.NewRun;
import io.drover.core.store.RunRecord;
import io.drover.core.store.Store;
import io.drover.sdk.JsonParameters;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes Runs: starts JobRuns (on demand, and from schedules through its {@link Scheduler}) and
 * standalone Runs, pauses, resumes and ends JobRuns, and on start recovers from a crash (attempts
 * left RUNNING by a dead process are ABANDONED and their Runs run again). It is one {@link Node}
 * among the engines sharing its store: it joins on start, leaves on close, and stops the attempts
 * the store no longer says it holds ({@link Releases}); a {@link Reaper} plugged in keeps its
 * lease.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineParts parts;
  private final Ids ids;
  private final InFlightAttempts inFlight = new InFlightAttempts();
  private final Committer committer;
  private final Workers workers;
  private final Dispatcher dispatcher;
  private final Stops stops;
  private final Releases releases;
  private final Watchdog watchdog;
  private final Scheduler scheduler;
  private final Jobs jobs;
  private final JobRunOptions options;
  private final AuthSessions authSessions;
  private final SessionLogins logins;
  private final List<EngineLoop> loops;
  private boolean started;

  public static EngineBuilder builder() {
    return new EngineBuilder();
  }

  Engine(
      EngineParts parts,
      ObjectMapper json,
      RandomGenerator random,
      List<EngineLoop.Factory> loopFactories) {
    this.parts = parts;
    this.ids = new Ids(parts.clock());
    Outcomes outcomes = new Outcomes(parts.settings(), parts.clock(), json);
    AttemptRunner runner =
        new AttemptRunner(
            parts.projects(), parts.executor(), json, parts.settings().maxResultBytes());
    this.authSessions =
        new AuthSessions(parts.store(), parts.secrets(), parts.clock(), parts.projects());
    this.logins = new SessionLogins(parts, authSessions);
    this.options = new JobRunOptions(parts.store(), authSessions.leases());
    this.committer = new Committer(this::commitGroup, parts.events());
    Settlement settlement = new Settlement(parts.artifacts(), committer, this::slotMayBeFree);
    this.workers = new Workers(runner, outcomes, options, settlement);
    this.dispatcher = new Dispatcher(parts, inFlight, new AttemptContexts(parts, options), workers);
    this.stops = new Stops(inFlight, outcomes, settlement, parts.executor());
    this.releases = new Releases(parts, inFlight, stops);
    this.watchdog = new Watchdog(stops, parts.settings().watchdogInterval());
    this.scheduler =
        new Scheduler(
            parts, ids, random, dispatcher::wakeUp, options::remember, authSessions::refusal);
    this.jobs = new Jobs(this);
    this.loops = loopFactories.stream().map(factory -> factory.create(parts)).toList();
  }

  /** Recovers from a crash, then starts every loop. */
  public synchronized Engine start() {
    if (!started) {
      startSteppable();
      dispatcher.start();
      watchdog.start();
      releases.start();
      scheduler.start();
      loops.forEach(EngineLoop::start);
      resumeAuthSessions();
    }
    return this;
  }

  /**
   * Recovers and starts the committer only: tests then run each loop one step at a time ({@link
   * #claimOnce}, {@link #checkDeadlines}, the scheduler's runDue, the plugged-in loops' own steps).
   */
  synchronized void startSteppable() {
    if (started) {
      return;
    }
    // Takes back what this node's previous incarnation (and any node that is gone) still held.
    int abandoned =
        parts
            .store()
            .nodes()
            .joinNode(parts.node().joining(parts.settings().slots()), parts.clock().now());
    if (abandoned > 0) {
      LOG.info(
          "{} attempts were running when the server stopped; their Runs will run again", abandoned);
    }
    committer.start();
    started = true;
  }

  /** One dispatcher step: claims due Runs into the free slots. Returns how many it started. */
  int claimOnce() {
    return dispatcher.claimOnce();
  }

  /** One step of the release poll: stops attempts this node no longer holds. Returns how many. */
  int stopReleased() {
    return releases.stopReleased();
  }

  /** One watchdog step: stops attempts past their deadline. Returns how many. */
  int checkDeadlines() {
    return stops.stopOverdue();
  }

  /** Waits until every attempt in flight has been committed; false if the time ran out first. */
  boolean awaitIdle(java.time.Duration max) throws InterruptedException {
    return inFlight.awaitEmpty(max.toMillis());
  }

  private List<Boolean> commitGroup(List<InFlight> attempts, List<AttemptOutcome> outcomes) {
    return dispatcher.commit(attempts, outcomes);
  }

  private void slotMayBeFree() {
    dispatcher.settled();
  }

  /** The Job lifecycle: save, read, delete, trigger, pause, resume. */
  public Jobs jobs() {
    return jobs;
  }

  /** What this engine is made of (store, projects, executor, artifacts, clock, settings). */
  public EngineParts parts() {
    return parts;
  }

  /** The loop of the given type that was plugged in with {@link EngineBuilder#loop}, if any. */
  public <T extends EngineLoop> java.util.Optional<T> loop(Class<T> type) {
    return loops.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  public Ids ids() {
    return ids;
  }

  /** Fires the Jobs' schedules (started and stopped with the engine). */
  /** The AuthSessions of every Project. */
  public AuthSessions authSessions() {
    return authSessions;
  }

  /** A login or first check a stop cut short runs again (the session would stay PENDING). */
  private void resumeAuthSessions() {
    for (String project : parts.projects().projectNames()) {
      for (AuthSession session : authSessions.list(project)) {
        if (session.status() == io.drover.core.state.AuthSessionStatus.PENDING) {
          logins.resume(session);
        }
      }
    }
  }

  /** Starts a new CREDENTIALS session's first login in the background. */
  public AuthSession createAuthSession(String project, String id, JsonParameters credentials) {
    AuthSession session = authSessions.create(project, id, credentials);
    logins.logInLater(session);
    return session;
  }

  /** New credentials: the session logs in again, in the background. */
  public AuthSession replaceAuthSessionCredentials(
      String project, String id, JsonParameters credentials) {
    AuthSession session = authSessions.replaceCredentials(project, id, credentials);
    logins.logInLater(session);
    return session;
  }

  /** A RECORDER session's uploaded state, checked in the background. */
  public AuthSession uploadAuthSessionState(String project, String id, String storageState) {
    AuthSession session = authSessions.upload(project, id, storageState);
    logins.checkLater(session);
    return session;
  }

  /** Runs the session's check now; the session as the check left it. */
  public Optional<AuthSession> validateAuthSession(String project, String id) throws Exception {
    if (authSessions.find(project, id).isEmpty()) {
      return Optional.empty();
    }
    return logins.validate(project, id);
  }

  /**
   * Deletes a session no active JobRun uses (a ConflictException naming the JobRun otherwise).
   * Returns false if there was none.
   */
  public boolean deleteAuthSession(String project, String id) {
    jobs.activeJobRunUsing(project, id)
        .ifPresent(
            jobRun -> {
              throw new ConflictException(
                  "AuthSession '"
                      + id
                      + "' is used by JobRun "
                      + jobRun.id()
                      + " of job '"
                      + jobRun.jobId()
                      + "', which is "
                      + jobRun.status()
                      + "; terminate it or wait for it to end, then delete the session");
            });
    return authSessions.delete(project, id);
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public Clock clock() {
    return parts.clock();
  }

  public EngineSettings settings() {
    return parts.settings();
  }

  /** Creates the JobRun and its Runs (ConflictException if the Job is paused or busy). */
  public JobRunRecord startJobRun(Store.NewJobRun jobRun) {
    JobRunRecord created = parts.store().createJobRun(jobRun);
    dispatcher.wakeUp();
    parts.events().changed();
    return created;
  }

  /** As {@link #startJobRun(Store.NewJobRun)}, from a configuration already parsed. */
  JobRunRecord startJobRun(Store.NewJobRun jobRun, JobConfig config) {
    options.remember(jobRun, config);
    return startJobRun(jobRun);
  }

  public RunRecord startRun(String project, NewRun run) {
    return startRun(project, run, null);
  }

  /** A standalone Run whose outcome goes to {@code sink} (null: none); its secrets are sealed. */
  public RunRecord startRun(String project, NewRun run, SinkConfig sink) {
    return startRun(project, run, sink, null);
  }

  /**
   * A standalone Run whose outcome goes to {@code sink} and whose attempts log in with {@code
   * session} (each null: none).
   */
  public RunRecord startRun(
      String project, NewRun run, SinkConfig sink, io.drover.core.job.AuthSessionRef session) {
    String sinkJson =
        sink == null ? null : JobDocuments.sinkToJson(SealedSinks.seal(sink, parts.secrets()));
    RunRecord created =
        parts
            .store()
            .createStandaloneRun(
                ids.next(),
                project,
                run,
                sinkJson,
                session == null ? null : JobRunOptions.sessionJson(session),
                parts.clock().now());
    dispatcher.wakeUp();
    parts.events().changed();
    return created;
  }

  /** Pauses a Job and its active JobRun together; stops the attempts that were running. */
  List<String> pauseJob(String project, String jobId) {
    return cancelWith(() -> parts.store().pauseJob(project, jobId, parts.clock().now()));
  }

  /** Resumes a Job (next fire at {@code nextFireAt} if it was paused) and its paused JobRun. */
  boolean resumeJob(String project, String jobId, Instant nextFireAt) {
    boolean resumed = parts.store().resumeJob(project, jobId, nextFireAt, parts.clock().now());
    scheduler.wakeUp();
    dispatcher.wakeUp();
    parts.events().changed();
    return resumed;
  }

  /** Ends an active JobRun as TERMINATED or CANCELED; a JobRun that already ended is left alone. */
  public List<String> endJobRun(String jobRunId, JobRunStatus status, String reason) {
    return cancelWith(() -> parts.store().endJobRun(jobRunId, status, reason, parts.clock().now()));
  }

  private List<String> cancelWith(java.util.function.Supplier<List<String>> storeChange) {
    List<String> stopped = stops.cancelWith(storeChange);
    dispatcher.wakeUp();
    parts.events().canceled(stopped);
    parts.events().changed();
    return stopped;
  }

  /** The dispatcher (tests). */
  Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The context of the attempt of this Run in flight on this engine, if any (tests). */
  java.util.Optional<AttemptContext> inFlightAttempt(String runId) {
    return java.util.Optional.ofNullable(inFlight.get(runId)).map(attempt -> attempt.context);
  }

  /** Attempts this engine is executing or committing now. */
  public int inFlight() {
    return inFlight.size();
  }

  @Override
  public synchronized void close() {
    for (int i = loops.size() - 1; i >= 0; i--) {
      loops.get(i).close();
    }
    scheduler.close();
    logins.close();
    releases.close();
    watchdog.close();
    dispatcher.close();
    stops.stopAll();
    committer.close();
    workers.close();
    parts.executor().close();
    leave();
  }

  /** A clean stop hands back at once what this node still held, so other nodes run it now. */
  private void leave() {
    if (!started) {
      return;
    }
    try {
      parts.store().nodes().leaveNode(parts.node().id(), parts.clock().now());
    } catch (RuntimeException e) {
      LOG.warn("could not hand back this node's attempts; they are taken back after its lease", e);
    }
  }
}
