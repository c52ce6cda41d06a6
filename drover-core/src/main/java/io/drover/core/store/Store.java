package io.drover.core.store;

import io.drover.core.state.JobRunStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.state.Trigger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything Drover keeps. Each method is one transaction: it happens whole or not at all. Two
 * implementations (SQLite, PostgreSQL) pass one contract test suite.
 */
public interface Store
    extends ApiKeyStore, AuthSessionStore, StatsStore, DispatchStore, AutoCloseable {

  // ---- Jobs --------------------------------------------------------------------------------

  /**
   * Saves a Job and its payload in one transaction. {@code document} streams the payload items into
   * the inserter (in batches, never all in memory) and returns the Job row to save; if it throws,
   * nothing is saved. With {@code replace == false} the Job must not exist yet (ConflictException);
   * with {@code replace == true} it must (NotFoundException), and its old payload is replaced and
   * its version incremented. The returned record carries the stored payloadId, payloadSize, version
   * and timestamps.
   *
   * <p>Of the record {@code document} returns, the store takes project, id, configJson, nextFireAt
   * and the times: {@code createdAt} for a new Job ({@code updatedAt} if null), {@code updatedAt}
   * ({@code createdAt} if null) as the time of the save. A replace keeps the stored status and
   * createdAt: editing a Job does not resume it, so a replaced Job that is PAUSED keeps no
   * nextFireAt (resuming computes it). The payload is given seqs 1, 2, ... in order.
   */
  JobRecord saveJob(boolean replace, Function<PayloadInserter, JobRecord> document);

  Optional<JobRecord> findJob(String project, String jobId);

  /** Jobs of a project ordered by id; cursor is the last id of the previous page. */
  Page<JobRecord> listJobs(String project, String cursor, int limit);

  /** Streams a payload in order, reading it page by page. */
  void forEachPayloadItem(String payloadId, Consumer<PayloadRow> consumer);

  /**
   * Returns false if the Job did not exist. Its payload rows and skipped fires go with it; JobRuns
   * are kept.
   */
  boolean deleteJob(String project, String jobId);

  /**
   * In one transaction: the Job becomes PAUSED with no next fire, and its active JobRun, if
   * RUNNING, becomes PAUSED: its RUNNING attempts become CANCELED and their Runs PENDING again
   * without using up an attempt (they keep their due time, so they go first on resume). Returns the
   * ids of the Runs that were running (to stop them); empty if nothing was running.
   */
  List<String> pauseJob(String project, String jobId, Instant now);

  /**
   * In one transaction: a PAUSED Job becomes ACTIVE with {@code nextFireAt} as its next fire (an
   * ACTIVE Job keeps its own), and its active JobRun, if PAUSED, becomes RUNNING again (or
   * COMPLETED at once when no PENDING or RUNNING Run is left). Returns false if the Job does not
   * exist.
   */
  boolean resumeJob(String project, String jobId, Instant nextFireAt, Instant now);

  // ---- Schedules ---------------------------------------------------------------------------

  /** How many skipped fires are kept per Job; older ones are dropped as new ones are recorded. */
  int SKIPPED_FIRES_KEPT = 100;

  /**
   * ACTIVE Jobs whose nextFireAt is at or before {@code upTo}, earliest first, at most {@code
   * limit} (clamped to 1..1000). Served by an index, so it stays cheap with many Jobs.
   */
  List<JobRecord> dueJobs(Instant upTo, int limit);

  /**
   * Applies scheduled fires, the whole list in one transaction. Each fire applies only if its Job
   * still exists, is ACTIVE, and has the fire's version and expectedNextFireAt (otherwise STALE,
   * nothing changes for it). An applied fire stores its nextFireAt, records its missedReason (if
   * any) as a skipped fire, and starts its JobRun (if any) as {@link #createJobRun} does — or, when
   * the Job already has an active JobRun, records a skipped fire instead, with a reason naming that
   * JobRun. Returns one outcome per fire, in order. If any fire fails (a duplicate JobRun id, a
   * database error), nothing of the list is applied.
   */
  List<FireOutcome> fire(List<ScheduledFire> fires);

  /** A Job's skipped fires, most recently recorded first, at most {@code limit} (1..1000). */
  List<SkippedFire> listSkippedFires(String project, String jobId, int limit);

  // ---- JobRuns -----------------------------------------------------------------------------

  /**
   * Creates a JobRun of {@code job} (as it is stored now) with one PENDING Run per payload item, in
   * one transaction. The Runs get ids {@code <jobRunId>-<seq>}, seq starting at 1, and limits from
   * the item's overrides or else the JobRun's {@code maximumAttempts}/{@code requestTimeout}.
   * Throws ConflictException if the Job is PAUSED or already has an active (RUNNING or PAUSED)
   * JobRun, NotFoundException if it does not exist. A JobRun with no payload items starts
   * COMPLETED.
   */
  JobRunRecord createJobRun(NewJobRun jobRun);

  /**
   * What {@link #createJobRun} needs; the limits are the Job's configuration resolved to numbers.
   */
  record NewJobRun(
      String id,
      String project,
      String jobId,
      Trigger trigger,
      String configJson,
      int maximumConcurrentRequests,
      int maximumAttempts,
      int requestTimeout,
      Instant now) {}

  Optional<JobRunRecord> findJobRun(String project, String jobRunId);

  /** The Job's RUNNING or PAUSED JobRun, if any. */
  Optional<JobRunRecord> activeJobRun(String project, String jobId);

  /**
   * A Job's JobRuns, newest first; cursor is the last id of the previous page. Newest first is
   * descending id order, so JobRun ids must be time-ordered (made by {@link io.drover.core.Ids}).
   */
  Page<JobRunRecord> listJobRuns(String project, String jobId, String cursor, int limit);

  RunCounts countRuns(String jobRunId);

  /**
   * The newest JobRun (as {@link #listJobRuns} orders them) of each of these Jobs that has one, by
   * Job id, in one query: a page of Jobs shows its last JobRuns without a lookup per Job. At most
   * {@value #MAX_BATCH} ids.
   */
  Map<String, JobRunRecord> lastJobRuns(String project, Collection<String> jobIds);

  /**
   * {@link #countRuns(String)} of each of these JobRuns, in one query, by JobRun id (zero counts
   * for one with no Runs or that does not exist). At most {@value #MAX_BATCH} ids.
   */
  Map<String, RunCounts> countRuns(Collection<String> jobRunIds);

  /** The most ids a batch lookup takes: a page, at most. */
  int MAX_BATCH = 1000;

  /**
   * An active JobRun ends as {@code status} (TERMINATED or CANCELED) with {@code reason}: its
   * PENDING and RUNNING Runs become CANCELED, their RUNNING attempts CANCELED. Returns the ids of
   * the Runs that were running, or empty (and changes nothing) if the JobRun had already ended or
   * does not exist. Any other {@code status} is an IllegalArgumentException.
   */
  List<String> endJobRun(String jobRunId, JobRunStatus status, String reason, Instant now);

  // ---- Runs --------------------------------------------------------------------------------

  /** A standalone Run (no JobRun, seq 1) without a sink, PENDING and due now. */
  default RunRecord createStandaloneRun(String runId, String project, NewRun run, Instant now) {
    return createStandaloneRun(runId, project, run, null, now);
  }

  /**
   * A standalone Run (no JobRun, seq 1), PENDING and due now; {@code sinkJson} (as {@code
   * JobDocuments.sinkToJson} writes it, secrets sealed, or null) is where its outcome is delivered.
   */
  default RunRecord createStandaloneRun(
      String runId, String project, NewRun run, String sinkJson, Instant now) {
    return createStandaloneRun(runId, project, run, sinkJson, null, now);
  }

  /**
   * {@link #createStandaloneRun(String, String, NewRun, String, Instant)} with the AuthSession its
   * attempts log in with ({@code authSessionJson}: {"id", "checkAttempts", "createAttempts"}, or
   * null).
   */
  RunRecord createStandaloneRun(
      String runId,
      String project,
      NewRun run,
      String sinkJson,
      String authSessionJson,
      Instant now);

  /** The AuthSession of a standalone Run, as it was created with it. */
  Optional<String> standaloneAuthSession(String runId);

  Optional<RunRecord> findRun(String project, String runId);

  /**
   * Runs of a JobRun in seq order, optionally filtered ({@code null} = any); cursor is the last seq
   * of the previous page (anything else is an IllegalArgumentException).
   */
  Page<RunRecord> listRuns(
      String jobRunId, RunStatus status, String apiName, String cursor, int limit);

  List<AttemptRecord> listAttempts(String runId);

  // ---- Dispatching -------------------------------------------------------------------------

  /**
   * Groups that have PENDING Runs due at {@code now}: every RUNNING JobRun with such Runs, and a
   * standalone group if standalone Runs are due. Each with how many of its Runs are RUNNING.
   */
  List<RunnableGroup> runnableGroups(Instant now);

  /**
   * Claims, in one transaction, up to {@code quotas.get(jobRunId)} due PENDING Runs of each group
   * (key {@code null}: standalone), oldest due first: each becomes RUNNING with a new RUNNING
   * attempt (number = attemptCount + 1) held by {@code node}. Only Runs of JobRuns that are still
   * RUNNING are claimed, and never so many that more of a JobRun's Runs than its
   * maximumConcurrentRequests are RUNNING, whatever other nodes claim at the same time.
   */
  List<ClaimedAttempt> claim(String node, Map<String, Integer> quotas, Instant now);

  /** The node of a store that serves one engine without naming it (tests, tools). */
  String LOCAL_NODE = "local";

  /** {@link #claim(String, Map, Instant)} for {@link #LOCAL_NODE}. */
  default List<ClaimedAttempt> claim(Map<String, Integer> quotas, Instant now) {
    return claim(LOCAL_NODE, quotas, now);
  }

  /**
   * Applies attempt outcomes, in one transaction for the whole batch. Each outcome applies only if
   * its attempt is still RUNNING on {@code node} (otherwise it is skipped whole: result, Run
   * change, extensions; a node whose lease was lost never commits what another node runs again). A
   * JobRun that has no PENDING or RUNNING Run left afterwards becomes COMPLETED. Returns, per
   * outcome in order, whether it was applied. An outcome whose attemptStatus is RUNNING, whose
   * nextRunStatus a RUNNING Run cannot become, or that extends a standalone Run is an
   * IllegalArgumentException, and then nothing of the batch is applied.
   */
  List<Boolean> finishAttempts(String node, List<AttemptOutcome> outcomes, Instant now);

  /** {@link #finishAttempts(String, List, Instant)} for {@link #LOCAL_NODE}. */
  default List<Boolean> finishAttempts(List<AttemptOutcome> outcomes, Instant now) {
    return finishAttempts(LOCAL_NODE, outcomes, now);
  }

  /**
   * Recovery of a database only one node uses: every RUNNING attempt, whatever its node, becomes
   * ABANDONED and its Run PENDING again, due now, without using up an attempt. Returns how many
   * attempts were abandoned. Engines recover through {@link NodeStore#joinNode} instead, which
   * leaves alone the attempts of the other nodes that are UP.
   */
  int abandonRunningAttempts(Instant now);

  // ---- Deliveries --------------------------------------------------------------------------

  /** Deliveries of finished Runs to their Job's sink (created by {@link #finishAttempts}). */
  DeliveryStore deliveries();

  // ---- Nodes -------------------------------------------------------------------------------

  /** The nodes sharing this database and their leases. */
  NodeStore nodes();

  @Override
  void close();
}
