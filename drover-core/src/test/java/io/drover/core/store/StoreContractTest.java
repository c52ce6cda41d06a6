package io.drover.core.store;

import static io.drover.core.store.StoreFixture.MAX_ATTEMPTS;
import static io.drover.core.store.StoreFixture.PROJECT;
import static io.drover.core.store.StoreFixture.extension;
import static io.drover.core.store.StoreFixture.failed;
import static io.drover.core.store.StoreFixture.retry;
import static io.drover.core.store.StoreFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The behaviour every Store must have; one thin subclass per database. */
public abstract class StoreContractTest
    implements ScheduleStoreContract,
        ApiKeyStoreContract,
        AuthSessionStoreContract,
        DispatchStoreContract,
        NodeStoreContract {
  protected Store store;
  private StoreFixture at;

  /** A new, empty store. */
  protected abstract Store openStore();

  @Override
  public Store store() {
    return store;
  }

  @Override
  public StoreFixture at() {
    return at;
  }

  @BeforeEach
  void openTheStore() {
    store = openStore();
    at = new StoreFixture(store);
  }

  @AfterEach
  void closeTheStore() {
    store.close();
  }

  // ---- Jobs ------------------------------------------------------------------------------

  @Test
  void aSavedJobKeepsItsPayloadInOrderWithItemOverrides() {
    JobRecord saved =
        store.saveJob(
            false,
            payload -> {
              for (int i = 1; i <= 2_345; i++) {
                payload.add(
                    i % 2 == 0 ? "details" : "list",
                    "{\"i\":" + i + "}",
                    i == 7 ? Integer.valueOf(5) : null,
                    i == 7 ? Integer.valueOf(120) : null);
              }
              return at.job("shop");
            });

    assertThat(saved.payloadSize()).isEqualTo(2_345);
    assertThat(saved.version()).isEqualTo(1);
    assertThat(store.findJob(PROJECT, "shop")).contains(saved);
    assertThat(saved.status()).isEqualTo(JobStatus.ACTIVE);
    assertThat(saved.createdAt()).isEqualTo(at.now);
    List<PayloadRow> rows = new ArrayList<>();
    store.forEachPayloadItem(saved.payloadId(), rows::add);
    assertThat(rows).hasSize(2_345);
    assertThat(rows).extracting(PayloadRow::seq).isSorted().startsWith(1L).endsWith(2_345L);
    assertThat(rows.get(6)).isEqualTo(new PayloadRow(7, "list", "{\"i\":7}", 5, 120));
    assertThat(rows.get(7)).isEqualTo(new PayloadRow(8, "details", "{\"i\":8}", null, null));
  }

  @Test
  void savingAJobIdThatExistsConflictsAndKeepsTheStoredJob() {
    JobRecord first = at.saveJob("shop", 3);

    assertThatThrownBy(() -> at.saveJob("shop", 5))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shop")
        .hasMessageContaining(PROJECT);
    assertThat(store.findJob(PROJECT, "shop")).contains(first);
    assertThat(payloadOf(first)).hasSize(3);
  }

  @Test
  void replacingAJobThatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> store.saveJob(true, payload -> at.job("ghost")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ghost")
        .hasMessageContaining(PROJECT);
    assertThat(store.findJob(PROJECT, "ghost")).isEmpty();
  }

  @Test
  void replacingAJobBumpsItsVersionAndReplacesItsPayload() {
    JobRecord first = at.saveJob("shop", 3);
    store.pauseJob(PROJECT, "shop", at.now);
    at.advance(Duration.ofMinutes(1));

    JobRecord replaced =
        store.saveJob(
            true,
            payload -> {
              payload.add("details", "{\"new\":true}", null, null);
              return new JobRecord(
                  PROJECT,
                  "shop",
                  JobStatus.ACTIVE,
                  "{\"v\":2}",
                  null,
                  0,
                  0,
                  at.now,
                  at.now,
                  at.now.plusSeconds(60));
            });

    assertThat(replaced.version()).isEqualTo(2);
    assertThat(replaced.payloadSize()).isEqualTo(1);
    assertThat(replaced.payloadId()).isNotEqualTo(first.payloadId());
    assertThat(replaced.createdAt()).isEqualTo(first.createdAt());
    assertThat(replaced.updatedAt()).isEqualTo(at.now);
    assertThat(replaced.status()).as("a replace is not a resume").isEqualTo(JobStatus.PAUSED);
    assertThat(replaced.configJson()).isEqualTo("{\"v\":2}");
    assertThat(store.findJob(PROJECT, "shop")).contains(replaced);
    assertThat(payloadOf(replaced))
        .extracting(PayloadRow::parametersJson)
        .containsExactly("{\"new\":true}");
    assertThat(payloadOf(first)).isEmpty();
  }

  @Test
  void aPayloadProducerThatFailsLeavesNothingHalfSaved() {
    RuntimeException invalid = new IllegalArgumentException("payload[1500].apiName: unknown");
    assertThatThrownBy(
            () ->
                store.saveJob(
                    false,
                    payload -> {
                      for (int i = 1; i <= 1_500; i++) {
                        payload.add("list", "{}", null, null);
                      }
                      throw invalid;
                    }))
        .isSameAs(invalid);
    assertThat(store.findJob(PROJECT, "shop")).isEmpty();

    JobRecord first = at.saveJob("shop", 2);
    assertThatThrownBy(
            () ->
                store.saveJob(
                    true,
                    payload -> {
                      for (int i = 1; i <= 1_500; i++) {
                        payload.add("details", "{}", null, null);
                      }
                      throw invalid;
                    }))
        .isSameAs(invalid);
    assertThat(store.findJob(PROJECT, "shop")).contains(first);
    assertThat(payloadOf(first)).hasSize(2);
  }

  @Test
  void jobsArePagedByIdAndACursorStaysValidWhenJobsAreAdded() {
    for (String id : List.of("a", "c", "e", "g", "i")) {
      at.saveJob(id, 0);
    }
    store.saveJob(
        false,
        payload ->
            new JobRecord("other", "b", JobStatus.ACTIVE, "{}", null, 0, 0, at.now, at.now, null));

    Page<JobRecord> first = store.listJobs(PROJECT, null, 2);
    assertThat(first.items()).extracting(JobRecord::id).containsExactly("a", "c");
    at.saveJob("b", 0);
    at.saveJob("d", 0);
    Page<JobRecord> second = store.listJobs(PROJECT, first.nextCursor(), 2);
    assertThat(second.items()).extracting(JobRecord::id).containsExactly("d", "e");
    Page<JobRecord> last = store.listJobs(PROJECT, second.nextCursor(), 2);
    assertThat(last.items()).extracting(JobRecord::id).containsExactly("g", "i");
    assertThat(last.nextCursor()).isNull();
    assertThat(store.listJobs(PROJECT, null, 0).items()).hasSize(1);
    assertThat(store.listJobs(PROJECT, null, 5_000).items()).hasSize(7);
  }

  @Test
  void deletingAJobRemovesItAndItsPayloadButKeepsItsJobRuns() {
    JobRecord job = at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    store.endJobRun(jobRun.id(), JobRunStatus.TERMINATED, "job deleted", at.now);

    assertThat(store.deleteJob(PROJECT, "shop")).isTrue();
    assertThat(store.deleteJob(PROJECT, "shop")).isFalse();
    assertThat(store.findJob(PROJECT, "shop")).isEmpty();
    assertThat(payloadOf(job)).isEmpty();
    assertThat(store.findJobRun(PROJECT, jobRun.id())).isPresent();
    assertThat(store.countRuns(jobRun.id()).total()).isEqualTo(2);
  }

  // ---- JobRuns ---------------------------------------------------------------------------

  @Test
  void aPageOfJobsGetsItsLastJobRunsAndTheirCountsInBatchesAsOneByOne() {
    at.saveJob("a", 3);
    at.saveJob("b", 1);
    at.saveJob("c", 2);
    at.saveJob("gone", 1);
    JobRunRecord firstOfA = at.startJobRun("a");
    store.endJobRun(firstOfA.id(), JobRunStatus.TERMINATED, "again", at.now);
    JobRunRecord lastOfA = at.startJobRun("a");
    ClaimedAttempt claimed = at.claim(lastOfA.id(), 2).get(0);
    assertThat(at.finish(succeeded(claimed, "{}"))).isTrue();
    JobRunRecord ofC = at.startJobRun("c");
    JobRunRecord ofGone = at.startJobRun("gone");
    store.endJobRun(ofGone.id(), JobRunStatus.TERMINATED, "deleted", at.now);
    store.deleteJob(PROJECT, "gone");

    Map<String, JobRunRecord> last =
        store.lastJobRuns(PROJECT, List.of("a", "b", "c", "gone", "nothing"));

    assertThat(last).containsOnlyKeys("a", "c");
    assertThat(last.get("a")).isEqualTo(store.listJobRuns(PROJECT, "a", null, 1).items().get(0));
    assertThat(last.get("a").id()).isEqualTo(lastOfA.id());
    assertThat(last.get("c")).isEqualTo(store.findJobRun(PROJECT, ofC.id()).orElseThrow());
    assertThat(store.lastJobRuns("other", List.of("a", "c"))).isEmpty();
    assertThat(store.lastJobRuns(PROJECT, List.of())).isEmpty();

    List<String> ids = List.of(firstOfA.id(), lastOfA.id(), ofC.id(), ofGone.id(), "no-such-run");
    Map<String, RunCounts> counts = store.countRuns(ids);
    assertThat(counts).containsOnlyKeys(ids);
    for (String id : ids) {
      assertThat(counts.get(id)).as(id).isEqualTo(store.countRuns(id));
    }
    assertThat(counts.get(lastOfA.id())).isEqualTo(new RunCounts(1, 1, 1, 0, 0));
    assertThat(counts.get(firstOfA.id())).isEqualTo(new RunCounts(0, 0, 0, 0, 3));
    assertThat(counts.get("no-such-run")).isEqualTo(RunCounts.ZERO);
    Map<String, long[]> deliveries = store.deliveries().countForJobRuns(ids);
    assertThat(deliveries).containsOnlyKeys(ids);
    for (String id : ids) {
      assertThat(deliveries.get(id)).as(id).containsExactly(store.deliveries().countForJobRun(id));
    }
    assertThat(store.countRuns(List.of())).isEmpty();
    assertThat(store.deliveries().countForJobRuns(List.of())).isEmpty();
  }

  @Test
  void aBatchTakesAtMostAPageOfIds() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= Store.MAX_BATCH; i++) {
      many.add("id-" + i);
    }
    assertThat(store.countRuns(many.subList(0, Store.MAX_BATCH))).hasSize(Store.MAX_BATCH);
    assertThatThrownBy(() -> store.countRuns(many))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to " + Store.MAX_BATCH);
    assertThatThrownBy(() -> store.lastJobRuns(PROJECT, many))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aJobRunHasOnePendingRunPerItemWithTheItemsOverrides() {
    store.saveJob(
        false,
        payload -> {
          payload.add("list", "{\"page\":1}", null, null);
          payload.add("details", "{\"url\":\"u\"}", 5, 120);
          return at.job("shop");
        });

    JobRunRecord jobRun = at.startJobRun("shop", 4);

    assertThat(jobRun.status()).isEqualTo(JobRunStatus.RUNNING);
    assertThat(jobRun.maximumConcurrentRequests()).isEqualTo(4);
    assertThat(jobRun.startedAt()).isEqualTo(at.now);
    assertThat(jobRun.endedAt()).isNull();
    List<RunRecord> runs = store.listRuns(jobRun.id(), null, null, null, 10).items();
    assertThat(runs)
        .extracting(RunRecord::id)
        .containsExactly(jobRun.id() + "-1", jobRun.id() + "-2");
    RunRecord list = runs.get(0);
    assertThat(list.status()).isEqualTo(RunStatus.PENDING);
    assertThat(list.jobId()).isEqualTo("shop");
    assertThat(list.jobRunId()).isEqualTo(jobRun.id());
    assertThat(list.project()).isEqualTo(PROJECT);
    assertThat(list.parametersJson()).isEqualTo("{\"page\":1}");
    assertThat(list.maximumAttempts()).isEqualTo(MAX_ATTEMPTS);
    assertThat(list.requestTimeout()).isEqualTo(StoreFixture.TIMEOUT);
    assertThat(list.dueAt()).isEqualTo(at.now);
    assertThat(list.attemptCount()).isZero();
    assertThat(runs.get(1).maximumAttempts()).isEqualTo(5);
    assertThat(runs.get(1).requestTimeout()).isEqualTo(120);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(2, 0, 0, 0, 0));
  }

  @Test
  void aJobWithAnActiveJobRunCannotStartAnotherUntilItEnds() {
    at.saveJob("shop", 2);
    JobRunRecord active = at.startJobRun("shop");

    assertThatThrownBy(() -> at.startJobRun("shop"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shop")
        .hasMessageContaining(active.id());
    store.pauseJob(PROJECT, "shop", at.now);
    assertThat(store.activeJobRun(PROJECT, "shop").map(JobRunRecord::id)).contains(active.id());
    store.resumeJob(PROJECT, "shop", null, at.now);
    assertThatThrownBy(() -> at.startJobRun("shop"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(active.id());

    store.endJobRun(active.id(), JobRunStatus.TERMINATED, "by user", at.now);
    assertThat(store.activeJobRun(PROJECT, "shop")).isEmpty();
    assertThat(at.startJobRun("shop").status()).isEqualTo(JobRunStatus.RUNNING);
  }

  @Test
  void aPausedJobCannotStartAJobRunAndAMissingOneIsNotFound() {
    at.saveJob("shop", 1);
    store.pauseJob(PROJECT, "shop", at.now);

    assertThatThrownBy(() -> at.startJobRun("shop"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shop")
        .hasMessageContaining("paused");
    assertThatThrownBy(() -> at.startJobRun("ghost"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ghost");
    assertThat(store.activeJobRun(PROJECT, "shop")).isEmpty();
  }

  @Test
  void aJobRunWithoutItemsIsCompletedAtOnce() {
    at.saveJob("empty", 0);

    JobRunRecord jobRun = at.startJobRun("empty");

    assertThat(jobRun.status()).isEqualTo(JobRunStatus.COMPLETED);
    assertThat(jobRun.startedAt()).isEqualTo(at.now);
    assertThat(jobRun.endedAt()).isEqualTo(at.now);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(RunCounts.ZERO);
    assertThat(store.activeJobRun(PROJECT, "empty")).isEmpty();
  }

  @Test
  void replacingAJobDoesNotChangeAJobRunAlreadyCreated() {
    at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");

    store.saveJob(true, payload -> at.job("shop"));

    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(2, 0, 0, 0, 0));
    assertThat(at.run(jobRun.id() + "-2").parametersJson()).isEqualTo("{\"i\":2}");
  }

  @Test
  void jobRunsAreListedNewestFirstPageByPage() {
    at.saveJob("shop", 0);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(at.startJobRun("shop").id());
      at.advance(Duration.ofMillis(1));
    }

    Page<JobRunRecord> first = store.listJobRuns(PROJECT, "shop", null, 3);
    Page<JobRunRecord> second = store.listJobRuns(PROJECT, "shop", first.nextCursor(), 3);

    assertThat(first.items())
        .extracting(JobRunRecord::id)
        .containsExactly(created.get(4), created.get(3), created.get(2));
    assertThat(second.items())
        .extracting(JobRunRecord::id)
        .containsExactly(created.get(1), created.get(0));
    assertThat(second.nextCursor()).isNull();
    assertThat(store.listJobRuns(PROJECT, "other", null, 3).items()).isEmpty();
  }

  // ---- Dispatching -----------------------------------------------------------------------

  @Test
  void runnableGroupsAreRunningJobRunsWithDueRunsAndTheStandaloneRuns() {
    at.saveJob("a", 3);
    at.saveJob("b", 1);
    at.saveJob("c", 1);
    JobRunRecord a = at.startJobRun("a", 2);
    JobRunRecord b = at.startJobRun("b", 7);
    JobRunRecord c = at.startJobRun("c", 1);
    at.claim(a.id(), 1);
    at.claim(b.id(), 1);
    store.pauseJob(PROJECT, "c", at.now);

    assertThat(store.runnableGroups(at.now)).containsExactly(new RunnableGroup(a.id(), 2, 1));

    store.createStandaloneRun(at.nextId(), PROJECT, new NewRun("list", "{}", 1, 60), at.now);
    assertThat(store.runnableGroups(at.now))
        .containsExactly(
            new RunnableGroup(a.id(), 2, 1), new RunnableGroup(null, Integer.MAX_VALUE, 0));
  }

  @Test
  void aClaimTakesUpToTheQuotaInSeqOrderAndStartsAnAttempt() {
    at.saveJob("shop", 5);
    JobRunRecord jobRun = at.startJobRun("shop");
    at.advance(Duration.ofSeconds(1));

    List<ClaimedAttempt> claimed = at.claim(jobRun.id(), 2);

    assertThat(claimed).extracting(c -> c.run().seq()).containsExactly(1L, 2L);
    assertThat(claimed).extracting(ClaimedAttempt::attempt).containsExactly(1, 1);
    RunRecord run = claimed.get(0).run();
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.attemptCount()).isEqualTo(1);
    assertThat(run.attemptsUsed()).isZero();
    assertThat(run.startedAt()).isEqualTo(at.now);
    assertThat(at.run(run.id())).isEqualTo(run);
    assertThat(store.listAttempts(run.id()))
        .containsExactly(
            new AttemptRecord(
                run.id(), 1, AttemptStatus.RUNNING, at.now, null, null, Store.LOCAL_NODE));
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(3, 2, 0, 0, 0));
    assertThat(at.claim(jobRun.id(), 10))
        .extracting(c -> c.run().seq())
        .containsExactly(3L, 4L, 5L);
    assertThat(at.claim(jobRun.id(), 10)).isEmpty();
  }

  @Test
  void aClaimServesEachGroupItsOwnQuotaAndSkipsJobRunsThatAreNotRunning() {
    at.saveJob("a", 3);
    at.saveJob("b", 3);
    at.saveJob("c", 3);
    JobRunRecord a = at.startJobRun("a");
    JobRunRecord b = at.startJobRun("b");
    JobRunRecord c = at.startJobRun("c");
    store.pauseJob(PROJECT, "c", at.now);
    String standalone = at.nextId();
    store.createStandaloneRun(standalone, PROJECT, new NewRun("list", "{}", 1, 60), at.now);
    Map<String, Integer> quotas = new HashMap<>();
    quotas.put(a.id(), 1);
    quotas.put(b.id(), 2);
    quotas.put(c.id(), 3);
    quotas.put(null, 5);

    List<ClaimedAttempt> claimed = store.claim(quotas, at.now);

    assertThat(claimed)
        .extracting(x -> x.run().id())
        .containsExactlyInAnyOrder(a.id() + "-1", b.id() + "-1", b.id() + "-2", standalone);
    assertThat(store.countRuns(c.id())).isEqualTo(new RunCounts(3, 0, 0, 0, 0));
    assertThat(at.run(standalone).jobRunId()).isNull();
    assertThat(at.run(standalone).status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void concurrentClaimsNeverHandOutTheSameRunTwice() throws Exception {
    at.saveJob("shop", 300);
    String jobRun = at.startJobRun("shop", 300).id();
    ExecutorService dispatchers = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> claimers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        claimers.add(
            dispatchers.submit(
                () -> {
                  List<String> mine = new ArrayList<>();
                  List<ClaimedAttempt> claimed;
                  while (!(claimed = store.claim(Map.of(jobRun, 7), at.now)).isEmpty()) {
                    claimed.forEach(c -> mine.add(c.run().id()));
                  }
                  return mine;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> claimer : claimers) {
        all.addAll(claimer.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(300).doesNotHaveDuplicates();
    } finally {
      dispatchers.shutdownNow();
    }
    assertThat(store.countRuns(jobRun)).isEqualTo(new RunCounts(0, 300, 0, 0, 0));
  }

  @Test
  void aFailedAttemptIsRetriedAtItsRetryTimeAndTheLastOneFailsTheRun() {
    at.saveJob("shop", 1);
    JobRunRecord jobRun = at.startJobRun("shop");
    ClaimedAttempt first = at.claim(jobRun.id(), 1).get(0);
    Instant retryAt = at.now.plusSeconds(10);

    assertThat(at.finish(retry(first, "HTTP 503", retryAt))).isTrue();

    RunRecord pending = at.run(first.run().id());
    assertThat(pending.status()).isEqualTo(RunStatus.PENDING);
    assertThat(pending.dueAt()).isEqualTo(retryAt);
    assertThat(pending.attemptsUsed()).isEqualTo(1);
    assertThat(pending.error()).isEqualTo("HTTP 503");
    assertThat(store.runnableGroups(at.now)).isEmpty();
    assertThat(at.claim(jobRun.id(), 1)).isEmpty();
    at.advance(Duration.ofSeconds(10));
    ClaimedAttempt second = at.claim(jobRun.id(), 1).get(0);
    assertThat(second.attempt()).isEqualTo(2);

    assertThat(at.finish(failed(second, "HTTP 500"))).isTrue();

    RunRecord ended = at.run(first.run().id());
    assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
    assertThat(ended.error()).isEqualTo("HTTP 500");
    assertThat(ended.attemptsUsed()).isEqualTo(2);
    assertThat(ended.endedAt()).isEqualTo(at.now);
    assertThat(store.listAttempts(ended.id()))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.FAILED, AttemptStatus.FAILED);
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.COMPLETED);
  }

  @Test
  void aJobRunCompletesWhenItsLastRunEnds() {
    at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    List<ClaimedAttempt> claimed = at.claim(jobRun.id(), 2);

    assertThat(at.finish(succeeded(claimed.get(0), "{\"ok\":1}"))).isTrue();
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.RUNNING);
    at.advance(Duration.ofSeconds(5));
    assertThat(at.finish(succeeded(claimed.get(1), "{\"ok\":2}"))).isTrue();

    JobRunRecord done = at.jobRun(jobRun.id());
    assertThat(done.status()).isEqualTo(JobRunStatus.COMPLETED);
    assertThat(done.endedAt()).isEqualTo(at.now);
    RunRecord run = at.run(claimed.get(1).run().id());
    assertThat(run.resultJson()).isEqualTo("{\"ok\":2}");
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.attemptsUsed()).isEqualTo(1);
    assertThat(run.endedAt()).isEqualTo(at.now);
    assertThat(store.listAttempts(run.id()).get(0).endedAt()).isEqualTo(at.now);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(0, 0, 2, 0, 0));
  }

  @Test
  void extensionsBecomeNewRunsWithTheNextSeqsAndKeepTheJobRunGoing() {
    at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    List<ClaimedAttempt> claimed = at.claim(jobRun.id(), 2);

    at.finish(succeeded(claimed.get(0), "{}", extension("{\"u\":1}"), extension("{\"u\":2}")));
    at.finish(succeeded(claimed.get(1), "{}", extension("{\"u\":3}")));

    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.RUNNING);
    List<RunRecord> added = store.listRuns(jobRun.id(), RunStatus.PENDING, null, null, 10).items();
    assertThat(added).extracting(RunRecord::seq).containsExactly(3L, 4L, 5L);
    assertThat(added)
        .extracting(RunRecord::id)
        .containsExactly(jobRun.id() + "-3", jobRun.id() + "-4", jobRun.id() + "-5");
    assertThat(added.get(0).apiName()).isEqualTo("details");
    assertThat(added.get(0).jobId()).isEqualTo("shop");
    assertThat(added.get(0).maximumAttempts()).isEqualTo(5);
    assertThat(added.get(0).requestTimeout()).isEqualTo(60);
    assertThat(added.get(0).dueAt()).isEqualTo(at.now);

    List<ClaimedAttempt> next = at.claim(jobRun.id(), 10);
    assertThat(next).extracting(c -> c.run().seq()).containsExactly(3L, 4L, 5L);
    assertThat(store.finishAttempts(next.stream().map(c -> succeeded(c, "{}")).toList(), at.now))
        .containsExactly(true, true, true);
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.COMPLETED);
  }

  @Test
  void theOutcomeOfACanceledAttemptIsDroppedWithItsExtensions() {
    at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    List<ClaimedAttempt> claimed = at.claim(jobRun.id(), 2);
    store.pauseJob(PROJECT, "shop", at.now);

    List<Boolean> applied =
        store.finishAttempts(
            List.of(
                succeeded(claimed.get(0), "{}", extension("{}")), failed(claimed.get(1), "late")),
            at.now);

    assertThat(applied).containsExactly(false, false);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(2, 0, 0, 0, 0));
    RunRecord run = at.run(claimed.get(0).run().id());
    assertThat(run.resultJson()).isNull();
    assertThat(run.attemptsUsed()).isZero();
    assertThat(store.listAttempts(run.id()))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.CANCELED);
  }

  @Test
  void attemptsThatWereCanceledOrAbandonedDoNotUseUpAnAttempt() {
    at.saveJob("shop", 1);
    JobRunRecord jobRun = at.startJobRun("shop");
    ClaimedAttempt first = at.claim(jobRun.id(), 1).get(0);
    at.finish(
        new AttemptOutcome(
            first.run().id(),
            1,
            AttemptStatus.CANCELED,
            RunStatus.PENDING,
            null,
            null,
            "browser slot lost",
            List.of(),
            RunKeys.of(first.run())));
    ClaimedAttempt second = at.claim(jobRun.id(), 1).get(0);
    store.abandonRunningAttempts(at.now);
    ClaimedAttempt third = at.claim(jobRun.id(), 1).get(0);

    assertThat(third.attempt()).isEqualTo(3);
    assertThat(third.run().attemptCount()).isEqualTo(3);
    assertThat(third.run().attemptsUsed()).isZero();
    assertThat(second.attempt()).isEqualTo(2);
    at.finish(retry(third, "timeout", at.now));
    assertThat(at.run(first.run().id()).attemptsUsed()).isEqualTo(1);
  }

  @Test
  void pausingCancelsRunningAttemptsAndResumingContinuesWhereItLeftOff() {
    at.saveJob("shop", 3);
    JobRunRecord jobRun = at.startJobRun("shop");
    List<ClaimedAttempt> claimed = at.claim(jobRun.id(), 2);
    at.advance(Duration.ofSeconds(3));

    List<String> stopped = store.pauseJob(PROJECT, "shop", at.now);

    assertThat(stopped).containsExactly(jobRun.id() + "-1", jobRun.id() + "-2");
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.PAUSED);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(3, 0, 0, 0, 0));
    AttemptRecord canceled = store.listAttempts(claimed.get(0).run().id()).get(0);
    assertThat(canceled.status()).isEqualTo(AttemptStatus.CANCELED);
    assertThat(canceled.endedAt()).isEqualTo(at.now);
    assertThat(at.run(claimed.get(0).run().id()).attemptsUsed()).isZero();
    assertThat(store.pauseJob(PROJECT, "shop", at.now)).isEmpty();
    assertThat(store.runnableGroups(at.now)).isEmpty();

    assertThat(store.resumeJob(PROJECT, "shop", null, at.now)).isTrue();
    assertThat(store.resumeJob(PROJECT, "ghost", null, at.now)).isFalse();
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.RUNNING);
    List<ClaimedAttempt> again = at.claim(jobRun.id(), 3);
    assertThat(again).extracting(c -> c.run().seq()).containsExactly(1L, 2L, 3L);
    assertThat(again).extracting(ClaimedAttempt::attempt).containsExactly(2, 2, 1);
  }

  @Test
  void pausingAJobPausesItsJobRunAndClearsItsNextFireInOneStep() {
    at.saveScheduledJob("shop", at.now.plusSeconds(60), 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    ClaimedAttempt running = at.claim(jobRun.id(), 1).get(0);

    assertThat(store.pauseJob(PROJECT, "shop", at.now)).containsExactly(running.run().id());

    JobRecord paused = store.findJob(PROJECT, "shop").orElseThrow();
    assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
    assertThat(paused.nextFireAt()).isNull();
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.PAUSED);
    assertThat(store.countRuns(jobRun.id()).pending()).isEqualTo(2);
    assertThat(store.pauseJob(PROJECT, "shop", at.now)).isEmpty();

    Instant nextFire = at.now.plusSeconds(90);
    assertThat(store.resumeJob(PROJECT, "shop", nextFire, at.now)).isTrue();
    JobRecord resumed = store.findJob(PROJECT, "shop").orElseThrow();
    assertThat(resumed.status()).isEqualTo(JobStatus.ACTIVE);
    assertThat(resumed.nextFireAt()).isEqualTo(nextFire);
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.RUNNING);
    assertThat(store.resumeJob(PROJECT, "shop", at.now.plusSeconds(5), at.now)).isTrue();
    assertThat(store.findJob(PROJECT, "shop").orElseThrow().nextFireAt()).isEqualTo(nextFire);
    assertThat(store.resumeJob(PROJECT, "ghost", nextFire, at.now)).isFalse();
  }

  @Test
  void endingAJobRunCancelsItsPendingAndRunningRunsOnce() {
    at.saveJob("shop", 3);
    JobRunRecord jobRun = at.startJobRun("shop");
    ClaimedAttempt running = at.claim(jobRun.id(), 1).get(0);

    List<String> stopped = store.endJobRun(jobRun.id(), JobRunStatus.TERMINATED, "by user", at.now);

    assertThat(stopped).containsExactly(running.run().id());
    JobRunRecord ended = at.jobRun(jobRun.id());
    assertThat(ended.status()).isEqualTo(JobRunStatus.TERMINATED);
    assertThat(ended.reason()).isEqualTo("by user");
    assertThat(ended.endedAt()).isEqualTo(at.now);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(0, 0, 0, 0, 3));
    assertThat(at.run(running.run().id()).endedAt()).isEqualTo(at.now);
    assertThat(store.listAttempts(running.run().id()).get(0).status())
        .isEqualTo(AttemptStatus.CANCELED);
    assertThat(at.finish(succeeded(running, "{}"))).isFalse();
    assertThat(store.endJobRun(jobRun.id(), JobRunStatus.CANCELED, "again", at.now)).isEmpty();
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.TERMINATED);
    assertThatThrownBy(() -> store.endJobRun(jobRun.id(), JobRunStatus.COMPLETED, "", at.now))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPausedJobRunCanBeEnded() {
    at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    store.pauseJob(PROJECT, "shop", at.now);

    assertThat(store.endJobRun(jobRun.id(), JobRunStatus.CANCELED, "job deleted", at.now))
        .isEmpty();
    assertThat(at.jobRun(jobRun.id()).status()).isEqualTo(JobRunStatus.CANCELED);
    assertThat(store.countRuns(jobRun.id()).canceled()).isEqualTo(2);
  }

  @Test
  void abandoningRunningAttemptsPutsTheirRunsBackDueNow() {
    at.saveJob("shop", 2);
    JobRunRecord jobRun = at.startJobRun("shop");
    ClaimedAttempt claimed = at.claim(jobRun.id(), 1).get(0);
    String standalone = at.nextId();
    store.createStandaloneRun(standalone, PROJECT, new NewRun("list", "{}", 1, 60), at.now);
    store.claim(StoreFixture.standaloneQuota(10), at.now);
    at.advance(Duration.ofMinutes(1));

    assertThat(store.abandonRunningAttempts(at.now)).isEqualTo(2);

    RunRecord run = at.run(claimed.run().id());
    assertThat(run.status()).isEqualTo(RunStatus.PENDING);
    assertThat(run.dueAt()).isEqualTo(at.now);
    assertThat(run.attemptsUsed()).isZero();
    assertThat(store.listAttempts(run.id()).get(0).status()).isEqualTo(AttemptStatus.ABANDONED);
    assertThat(at.run(standalone).status()).isEqualTo(RunStatus.PENDING);
    assertThat(at.finish(succeeded(claimed, "{}"))).isFalse();
    assertThat(store.abandonRunningAttempts(at.now)).isZero();
  }

  @Test
  void anOutcomeThatDoesNotEndTheAttemptOrBreaksTheRunStatesIsRejected() {
    at.saveJob("shop", 1);
    ClaimedAttempt claimed = at.claim(at.startJobRun("shop").id(), 1).get(0);

    assertThatThrownBy(
            () ->
                at.finish(
                    new AttemptOutcome(
                        claimed.run().id(),
                        1,
                        AttemptStatus.RUNNING,
                        RunStatus.COMPLETED,
                        null,
                        null,
                        null,
                        List.of(),
                        RunKeys.of(claimed.run()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attemptStatus");
    assertThatThrownBy(
            () ->
                at.finish(
                    new AttemptOutcome(
                        claimed.run().id(),
                        1,
                        AttemptStatus.SUCCEEDED,
                        RunStatus.RUNNING,
                        null,
                        null,
                        null,
                        List.of(),
                        RunKeys.of(claimed.run()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextRunStatus");
    assertThat(at.run(claimed.run().id()).status()).isEqualTo(RunStatus.RUNNING);

    String standalone = at.nextId();
    store.createStandaloneRun(standalone, PROJECT, new NewRun("list", "{}", 1, 60), at.now);
    ClaimedAttempt alone = store.claim(StoreFixture.standaloneQuota(1), at.now).get(0);
    assertThatThrownBy(
            () ->
                store.finishAttempts(
                    List.of(succeeded(claimed, "{}"), succeeded(alone, "{}", extension("{}"))),
                    at.now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standalone");
    assertThat(at.run(claimed.run().id()).status())
        .as("nothing of the batch applied")
        .isEqualTo(RunStatus.RUNNING);
    assertThat(at.run(standalone).status()).isEqualTo(RunStatus.RUNNING);
  }

  // ---- Runs ------------------------------------------------------------------------------

  @Test
  void aStandaloneRunIsPendingAndDueNow() {
    String id = at.nextId();
    RunRecord run =
        store.createStandaloneRun(id, PROJECT, new NewRun("list", "{\"q\":1}", 2, 30), at.now);

    assertThat(run.id()).isEqualTo(id);
    assertThat(run.jobRunId()).isNull();
    assertThat(run.jobId()).isNull();
    assertThat(run.status()).isEqualTo(RunStatus.PENDING);
    assertThat(run.dueAt()).isEqualTo(at.now);
    assertThat(run.maximumAttempts()).isEqualTo(2);
    assertThat(store.findRun(PROJECT, id)).contains(run);
    assertThat(store.findRun("other", id)).isEmpty();
  }

  @Test
  void runsAreListedInSeqOrderFilteredByStatusAndApiName() {
    store.saveJob(
        false,
        payload -> {
          for (int i = 1; i <= 9; i++) {
            payload.add(i % 3 == 0 ? "details" : "list", "{}", null, null);
          }
          return at.job("shop");
        });
    JobRunRecord jobRun = at.startJobRun("shop");
    at.claim(jobRun.id(), 4);

    Page<RunRecord> first = store.listRuns(jobRun.id(), null, null, null, 4);
    Page<RunRecord> second = store.listRuns(jobRun.id(), null, null, first.nextCursor(), 4);
    Page<RunRecord> third = store.listRuns(jobRun.id(), null, null, second.nextCursor(), 4);

    assertThat(first.items()).extracting(RunRecord::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(second.items()).extracting(RunRecord::seq).containsExactly(5L, 6L, 7L, 8L);
    assertThat(third.items()).extracting(RunRecord::seq).containsExactly(9L);
    assertThat(third.nextCursor()).isNull();
    assertThat(store.listRuns(jobRun.id(), RunStatus.PENDING, null, null, 10).items())
        .extracting(RunRecord::seq)
        .containsExactly(5L, 6L, 7L, 8L, 9L);
    assertThat(store.listRuns(jobRun.id(), null, "details", null, 10).items())
        .extracting(RunRecord::seq)
        .containsExactly(3L, 6L, 9L);
    Page<RunRecord> both = store.listRuns(jobRun.id(), RunStatus.PENDING, "details", null, 1);
    assertThat(both.items()).extracting(RunRecord::seq).containsExactly(6L);
    assertThat(
            store.listRuns(jobRun.id(), RunStatus.PENDING, "details", both.nextCursor(), 1).items())
        .extracting(RunRecord::seq)
        .containsExactly(9L);
    assertThatThrownBy(() -> store.listRuns(jobRun.id(), null, null, "not-a-seq", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor");
  }

  // ---- Volume ----------------------------------------------------------------------------

  @Test
  @Tag("slow")
  void aJobRunOfOneHundredThousandItemsIsCreatedAndCounted() {
    long started = System.nanoTime();
    at.saveJob("big", 100_000);
    long saved = System.nanoTime();
    JobRunRecord jobRun = at.startJobRun("big", 64);
    long created = System.nanoTime();

    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(100_000, 0, 0, 0, 0));
    assertThat(store.runnableGroups(at.now)).containsExactly(new RunnableGroup(jobRun.id(), 64, 0));
    assertThat(at.claim(jobRun.id(), 64)).hasSize(64);
    assertThat(store.countRuns(jobRun.id())).isEqualTo(new RunCounts(99_936, 64, 0, 0, 0));
    System.out.printf(
        "100,000 items: saveJob %d ms, createJobRun %d ms%n",
        (saved - started) / 1_000_000, (created - saved) / 1_000_000);
  }

  private List<PayloadRow> payloadOf(JobRecord job) {
    List<PayloadRow> rows = new ArrayList<>();
    store.forEachPayloadItem(job.payloadId(), rows::add);
    return rows;
  }
}
