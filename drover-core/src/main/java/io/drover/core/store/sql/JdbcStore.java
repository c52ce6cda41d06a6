package io.drover.core.store.sql;

import io.drover.core.auth.AuthSession;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.ApiKeyRecord;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.AuthSessionRecord;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.DeliveryStore;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.NewRun;
import io.drover.core.store.NodeStore;
import io.drover.core.store.Page;
import io.drover.core.store.PayloadInserter;
import io.drover.core.store.PayloadRow;
import io.drover.core.store.RunCounts;
import io.drover.core.store.RunRecord;
import io.drover.core.store.RunnableGroup;
import io.drover.core.store.ScheduledFire;
import io.drover.core.store.SkippedFire;
import io.drover.core.store.Store;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Store on any SQL database: each method is one transaction made of the queries of one
 * collaborator. A database brings its {@link Transactions} (connections, locking) and, where its
 * SQL differs, a {@link SqlDialect}.
 */
public abstract class JdbcStore implements Store {
  private final Transactions tx;
  private final JobQueries jobs = new JobQueries();
  private final JobRunQueries jobRuns;
  private final RunQueries runs = new RunQueries();
  private final DispatchQueries dispatch;
  private final FinishQueries finish;
  private final DeliveryStore deliveries;
  private final ScheduleQueries schedules;
  private final ApiKeyQueries keys = new ApiKeyQueries();
  private final AuthSessionQueries authSessions = new AuthSessionQueries();
  private final StatsQueries stats = new StatsQueries();
  private final JdbcNodeStore nodes;

  protected JdbcStore(Transactions transactions, SqlDialect dialect) {
    this.tx = transactions;
    this.jobRuns = new JobRunQueries(dialect);
    this.schedules = new ScheduleQueries(jobRuns, dialect);
    this.dispatch = new DispatchQueries(dialect);
    DeliveryQueries deliveryQueries = new DeliveryQueries(dialect);
    this.finish = new FinishQueries(dialect, deliveryQueries);
    this.deliveries = new JdbcDeliveryStore(transactions, deliveryQueries);
    this.nodes = new JdbcNodeStore(transactions, dialect.oneNodePerDatabase());
  }

  @Override
  public JobRecord saveJob(boolean replace, Function<PayloadInserter, JobRecord> document) {
    return tx.write(c -> jobs.save(c, replace, document));
  }

  @Override
  public Optional<JobRecord> findJob(String project, String jobId) {
    return tx.read(c -> jobs.find(c, project, jobId));
  }

  @Override
  public Page<JobRecord> listJobs(String project, String cursor, int limit) {
    return tx.read(c -> jobs.list(c, project, cursor, limit));
  }

  @Override
  public void forEachPayloadItem(String payloadId, Consumer<PayloadRow> consumer) {
    tx.read(
        c -> {
          jobs.forEachPayloadItem(c, payloadId, consumer);
          return null;
        });
  }

  @Override
  public boolean deleteJob(String project, String jobId) {
    return tx.write(c -> jobs.delete(c, project, jobId));
  }

  @Override
  public List<String> pauseJob(String project, String jobId, Instant now) {
    return tx.write(
        c -> {
          jobs.setStatus(c, project, jobId, JobStatus.PAUSED, now);
          jobs.setNextFireAt(c, project, jobId, null);
          Optional<JobRunRecord> active = jobRuns.active(c, project, jobId);
          return active.isPresent() ? jobRuns.pause(c, active.get().id(), now) : List.of();
        });
  }

  @Override
  public boolean resumeJob(String project, String jobId, Instant nextFireAt, Instant now) {
    return tx.write(
        c -> {
          Optional<JobRecord> job = jobs.find(c, project, jobId);
          if (job.isEmpty()) {
            return false;
          }
          if (job.get().status() == JobStatus.PAUSED) {
            jobs.setStatus(c, project, jobId, JobStatus.ACTIVE, now);
            jobs.setNextFireAt(c, project, jobId, nextFireAt);
          }
          Optional<JobRunRecord> active = jobRuns.active(c, project, jobId);
          if (active.isPresent()) {
            jobRuns.resume(c, active.get().id(), now);
          }
          return true;
        });
  }

  @Override
  public List<JobRecord> dueJobs(Instant upTo, int limit) {
    return tx.read(c -> schedules.due(c, upTo, limit));
  }

  @Override
  public List<FireOutcome> fire(List<ScheduledFire> fires) {
    if (fires.isEmpty()) {
      return List.of();
    }
    return tx.write(c -> schedules.fire(c, fires));
  }

  @Override
  public List<SkippedFire> listSkippedFires(String project, String jobId, int limit) {
    return tx.read(c -> schedules.skipped(c, project, jobId, limit));
  }

  @Override
  public JobRunRecord createJobRun(NewJobRun jobRun) {
    return tx.write(c -> jobRuns.create(c, jobRun));
  }

  @Override
  public Optional<JobRunRecord> findJobRun(String project, String jobRunId) {
    return tx.read(c -> jobRuns.find(c, project, jobRunId));
  }

  @Override
  public Optional<JobRunRecord> activeJobRun(String project, String jobId) {
    return tx.read(c -> jobRuns.active(c, project, jobId));
  }

  @Override
  public Page<JobRunRecord> listJobRuns(String project, String jobId, String cursor, int limit) {
    return tx.read(c -> jobRuns.list(c, project, jobId, cursor, limit));
  }

  @Override
  public RunCounts countRuns(String jobRunId) {
    return tx.read(c -> jobRuns.count(c, jobRunId));
  }

  @Override
  public Map<String, JobRunRecord> lastJobRuns(String project, Collection<String> jobIds) {
    return tx.read(c -> jobRuns.lastJobRuns(c, project, jobIds));
  }

  @Override
  public Map<String, RunCounts> countRuns(Collection<String> jobRunIds) {
    return tx.read(c -> jobRuns.counts(c, jobRunIds));
  }

  @Override
  public List<String> endJobRun(String jobRunId, JobRunStatus status, String reason, Instant now) {
    return tx.write(c -> jobRuns.end(c, jobRunId, status, reason, now));
  }

  @Override
  public RunRecord createStandaloneRun(
      String runId,
      String project,
      NewRun run,
      String sinkJson,
      String authSessionJson,
      Instant now) {
    return tx.write(
        c -> runs.createStandalone(c, runId, project, run, sinkJson, authSessionJson, now));
  }

  @Override
  public Optional<String> standaloneAuthSession(String runId) {
    return tx.read(c -> runs.authSessionOf(c, runId));
  }

  @Override
  public Optional<RunRecord> findRun(String project, String runId) {
    return tx.read(c -> runs.find(c, project, runId));
  }

  @Override
  public Page<RunRecord> listRuns(
      String jobRunId, RunStatus status, String apiName, String cursor, int limit) {
    return tx.read(c -> runs.list(c, jobRunId, status, apiName, cursor, limit));
  }

  @Override
  public List<AttemptRecord> listAttempts(String runId) {
    return tx.read(c -> runs.attempts(c, runId));
  }

  @Override
  public List<RunnableGroup> runnableGroups(Instant now) {
    return tx.read(c -> dispatch.runnableGroups(c, now));
  }

  @Override
  public List<ClaimedAttempt> claim(String node, Map<String, Integer> quotas, Instant now) {
    return tx.write(c -> dispatch.claim(c, node, quotas, now));
  }

  @Override
  public List<Boolean> finishAttempts(String node, List<AttemptOutcome> outcomes, Instant now) {
    if (outcomes.isEmpty()) {
      return List.of();
    }
    return tx.write(c -> finish.finish(c, node, outcomes, now));
  }

  @Override
  public List<ClaimedAttempt> claim(String node, Allocation allocation, Instant now) {
    return tx.write(c -> dispatch.claim(c, node, allocation, now));
  }

  @Override
  public Dispatched finishAndClaim(
      String node, List<AttemptOutcome> outcomes, Allocation allocation, Instant now) {
    return tx.write(
        c -> {
          List<Boolean> applied =
              outcomes.isEmpty() ? List.of() : finish.finish(c, node, outcomes, now);
          return new Dispatched(applied, dispatch.claim(c, node, allocation, now));
        });
  }

  @Override
  public int abandonRunningAttempts(Instant now) {
    return tx.write(c -> dispatch.abandonRunningAttempts(c, now));
  }

  @Override
  public void saveApiKey(ApiKeyRecord key) {
    tx.write(
        c -> {
          keys.save(c, key);
          return null;
        });
  }

  @Override
  public Optional<ApiKeyRecord> findApiKeyByHash(String keyHash) {
    return tx.read(c -> keys.byHash(c, keyHash));
  }

  @Override
  public List<ApiKeyRecord> listApiKeys() {
    return tx.read(keys::list);
  }

  @Override
  public boolean deleteApiKey(String id) {
    return tx.write(c -> keys.delete(c, id));
  }

  @Override
  public void saveAuthSession(AuthSessionRecord session) {
    tx.write(
        c -> {
          authSessions.save(c, session);
          return null;
        });
  }

  @Override
  public Optional<AuthSessionRecord> findAuthSession(String project, String id) {
    return tx.read(c -> authSessions.find(c, project, id));
  }

  @Override
  public List<AuthSession> listAuthSessions(String project) {
    return tx.read(c -> authSessions.list(c, project));
  }

  @Override
  public boolean updateAuthSession(AuthSessionRecord next, long expectedGeneration) {
    return tx.write(c -> authSessions.update(c, next, expectedGeneration));
  }

  @Override
  public boolean deleteAuthSession(String project, String id) {
    return tx.write(c -> authSessions.delete(c, project, id));
  }

  @Override
  public Map<String, Long> pendingRunsByProject() {
    return tx.read(stats::pendingByProject);
  }

  @Override
  public DeliveryStore deliveries() {
    return deliveries;
  }

  @Override
  public NodeStore nodes() {
    return nodes;
  }

  @Override
  public void close() {
    tx.close();
  }
}
