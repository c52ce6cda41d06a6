package io.drover.core.store;

import static io.drover.core.store.StoreFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.state.JobRunStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.FireOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scheduling part of the Store contract: due Jobs, fires applied once, skips recorded. Every
 * database runs it through {@link StoreContractTest}.
 */
public interface ScheduleStoreContract {

  Store store();

  StoreFixture at();

  @Test
  default void dueJobsAreTheActiveJobsWhoseNextFireHasComeEarliestFirst() {
    StoreFixture at = at();
    Instant now = at.now;
    at.saveScheduledJob("ten-ago", now.minusSeconds(10));
    at.saveScheduledJob("twenty-ago", now.minusSeconds(20));
    at.saveScheduledJob("exactly-now", now);
    at.saveScheduledJob("in-a-second", now.plusSeconds(1));
    at.saveScheduledJob("unscheduled", null);
    at.saveScheduledJob("paused", now.minusSeconds(30));
    store().pauseJob(PROJECT, "paused", now);

    assertThat(store().dueJobs(now, 100))
        .extracting(JobRecord::id)
        .containsExactly("twenty-ago", "ten-ago", "exactly-now");
    assertThat(store().dueJobs(now, 2))
        .extracting(JobRecord::id)
        .containsExactly("twenty-ago", "ten-ago");
    assertThat(store().dueJobs(now.plusSeconds(1), 100))
        .extracting(JobRecord::id)
        .endsWith("in-a-second");
    assertThat(store().dueJobs(now.minusSeconds(60), 100)).isEmpty();
  }

  @Test
  default void aFireAdvancesTheNextFireAndStartsAScheduledJobRun() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("hourly", at.now);
    Instant next = at.now.plus(Duration.ofHours(1));

    FireOutcome outcome = store().fire(List.of(at.fire(job, next))).get(0);

    assertThat(outcome.kind()).isEqualTo(Kind.STARTED);
    assertThat(outcome.skipped()).isNull();
    JobRunRecord jobRun = outcome.jobRun();
    assertThat(jobRun.trigger()).isEqualTo(Trigger.SCHEDULED);
    assertThat(jobRun.status()).isEqualTo(JobRunStatus.RUNNING);
    assertThat(jobRun.createdAt()).isEqualTo(at.now);
    assertThat(store().countRuns(jobRun.id()).pending()).isEqualTo(1);
    assertThat(at.stored("hourly").nextFireAt()).isEqualTo(next);
    assertThat(store().dueJobs(at.now, 10)).isEmpty();
    assertThat(store().listSkippedFires(PROJECT, "hourly", 10)).isEmpty();
  }

  @Test
  default void aFireOfAJobThatChangedSinceItWasReadIsStaleAndChangesNothing() {
    StoreFixture at = at();
    Instant due = at.now;
    Instant next = due.plusSeconds(60);
    // Read when it was due now; since then it moved to 5 s later (as another node would see it).
    JobRecord moved = withNextFireAt(at.saveScheduledJob("moved", due.plusSeconds(5)), due);
    JobRecord replaced = at.saveScheduledJob("replaced", due);
    store().saveJob(true, payload -> replaced);
    JobRecord paused = at.saveScheduledJob("paused", due);
    store().pauseJob(PROJECT, "paused", due);
    JobRecord deleted = at.saveScheduledJob("deleted", due);
    store().deleteJob(PROJECT, "deleted");

    List<FireOutcome> outcomes =
        store()
            .fire(
                List.of(
                    at.fire(moved, next),
                    at.fire(replaced, next),
                    at.fire(paused, next),
                    at.fire(deleted, next)));

    assertThat(outcomes).extracting(FireOutcome::kind).containsOnly(Kind.STALE);
    assertThat(at.stored("moved").nextFireAt()).isEqualTo(due.plusSeconds(5));
    assertThat(at.stored("replaced").nextFireAt()).isEqualTo(due);
    assertThat(at.stored("replaced").version()).isEqualTo(2);
    assertThat(at.stored("paused").nextFireAt()).isNull();
    for (String jobId : List.of("moved", "replaced", "paused", "deleted")) {
      assertThat(store().listJobRuns(PROJECT, jobId, null, 10).items()).as(jobId).isEmpty();
    }
  }

  @Test
  default void aGroupOfFiresGivesEachItsOwnOutcomeInOrder() {
    StoreFixture at = at();
    Instant next = at.now.plusSeconds(60);
    JobRecord three = at.saveScheduledJob("three-items", at.now, 3);
    JobRecord moved = withNextFireAt(at.saveScheduledJob("moved", at.now.plusSeconds(5)), at.now);
    JobRecord busy = at.saveScheduledJob("busy", at.now);
    JobRunRecord running = at.startJobRun("busy");
    JobRecord empty = at.saveScheduledJob("empty", at.now, 0);
    JobRecord one = at.saveScheduledJob("one-item", at.now);

    List<FireOutcome> outcomes =
        store()
            .fire(
                List.of(
                    at.fire(three, next),
                    at.fire(moved, next),
                    at.fire(busy, next),
                    at.fire(empty, next),
                    at.fire(one, next)));

    assertThat(outcomes)
        .extracting(FireOutcome::kind)
        .containsExactly(Kind.STARTED, Kind.STALE, Kind.SKIPPED, Kind.STARTED, Kind.STARTED);
    JobRunRecord threeRun = outcomes.get(0).jobRun();
    assertThat(threeRun.jobId()).isEqualTo("three-items");
    assertThat(store().countRuns(threeRun.id()).pending()).isEqualTo(3);
    assertThat(store().listRuns(threeRun.id(), null, null, null, 10).items())
        .extracting(RunRecord::seq, RunRecord::parametersJson)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "{\"i\":1}"),
            org.assertj.core.groups.Tuple.tuple(2L, "{\"i\":2}"),
            org.assertj.core.groups.Tuple.tuple(3L, "{\"i\":3}"));
    assertThat(outcomes.get(2).skipped().reason())
        .isEqualTo("JobRun " + running.id() + " was still running");
    assertThat(outcomes.get(3).jobRun().status()).isEqualTo(JobRunStatus.COMPLETED);
    assertThat(store().findJobRun(PROJECT, outcomes.get(3).jobRun().id()).orElseThrow().status())
        .isEqualTo(JobRunStatus.COMPLETED);
    assertThat(store().countRuns(outcomes.get(4).jobRun().id()).pending()).isEqualTo(1);
    assertThat(at.stored("moved").nextFireAt()).isEqualTo(at.now.plusSeconds(5));
    for (String jobId : List.of("three-items", "busy", "empty", "one-item")) {
      assertThat(at.stored(jobId).nextFireAt()).as(jobId).isEqualTo(next);
    }
  }

  @Test
  default void twoFiresOfOneJobInAGroupAreRefusedAndChangeNothing() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("twice", at.now);
    Instant next = at.now.plusSeconds(60);

    assertThatThrownBy(() -> store().fire(List.of(at.fire(job, next), at.fire(job, next))))
        .hasMessageContaining("two fires of Job 'twice'")
        .hasMessageContaining("expected one fire per Job");
    assertThat(at.stored("twice").nextFireAt()).isEqualTo(at.now);
    assertThat(store().listJobRuns(PROJECT, "twice", null, 10).items()).isEmpty();
  }

  @Test
  default void aFireWhileAJobRunIsActiveIsRecordedAsSkippedNamingThatJobRun() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("busy", at.now);
    JobRunRecord running = at.startJobRun("busy");
    Instant next = at.now.plusSeconds(60);

    FireOutcome outcome = store().fire(List.of(at.fire(job, next))).get(0);

    assertThat(outcome.kind()).isEqualTo(Kind.SKIPPED);
    assertThat(outcome.jobRun()).isNull();
    SkippedFire skipped = outcome.skipped();
    assertThat(skipped.nominalAt()).isEqualTo(job.nextFireAt());
    assertThat(skipped.recordedAt()).isEqualTo(at.now);
    assertThat(skipped.reason()).isEqualTo("JobRun " + running.id() + " was still running");
    assertThat(store().listSkippedFires(PROJECT, "busy", 10)).containsExactly(skipped);
    assertThat(at.stored("busy").nextFireAt()).isEqualTo(next);
    assertThat(store().listJobRuns(PROJECT, "busy", null, 10).items())
        .extracting(JobRunRecord::id)
        .containsExactly(running.id());
  }

  @Test
  default void missedFiresAreRecordedWithTheirReasonAndStartNothing() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("missed", at.now.minus(Duration.ofHours(3)));
    String reason = "3 fires missed while the server was down";

    FireOutcome outcome =
        store().fire(List.of(at.missed(job, at.now.plusSeconds(60), reason))).get(0);

    assertThat(outcome.kind()).isEqualTo(Kind.ADVANCED);
    assertThat(outcome.jobRun()).isNull();
    assertThat(outcome.skipped().reason()).isEqualTo(reason);
    assertThat(store().listSkippedFires(PROJECT, "missed", 10))
        .extracting(SkippedFire::nominalAt, SkippedFire::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(job.nextFireAt(), reason));
    assertThat(store().listJobRuns(PROJECT, "missed", null, 10).items()).isEmpty();
    assertThat(at.stored("missed").nextFireAt()).isEqualTo(at.now.plusSeconds(60));
  }

  @Test
  default void aScheduleThatNeverFiresAgainLeavesNoNextFire() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("last", at.now);

    assertThat(store().fire(List.of(at.fire(job, null))).get(0).kind()).isEqualTo(Kind.STARTED);

    assertThat(at.stored("last").nextFireAt()).isNull();
    assertThat(store().dueJobs(at.now.plus(Duration.ofDays(3650)), 10)).isEmpty();
  }

  @Test
  default void schedulersRacingForOneFireStartOneJobRun() throws Exception {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("raced", at.now);
    int racers = 8;
    List<ScheduledFire> fires = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      fires.add(at.fire(job, at.now.plusSeconds(60)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<FireOutcome>> results = new ArrayList<>();
    try {
      for (ScheduledFire fire : fires) {
        Callable<FireOutcome> racer =
            () -> {
              go.await();
              return store().fire(List.of(fire)).get(0);
            };
        results.add(pool.submit(racer));
      }
      go.countDown();
      List<Kind> kinds = new ArrayList<>();
      for (Future<FireOutcome> result : results) {
        kinds.add(result.get(30, TimeUnit.SECONDS).kind());
      }
      assertThat(kinds).containsOnlyOnce(Kind.STARTED);
      assertThat(kinds).filteredOn(kind -> kind == Kind.STALE).hasSize(racers - 1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().listJobRuns(PROJECT, "raced", null, 100).items()).hasSize(1);
    assertThat(store().listSkippedFires(PROJECT, "raced", 100)).isEmpty();
  }

  @Test
  default void aBatchOfFiresIsAppliedWholeOrNotAtAll() {
    StoreFixture at = at();
    JobRecord first = at.saveScheduledJob("first", at.now);
    JobRecord second = at.saveScheduledJob("second", at.now);
    ScheduledFire ok = at.fire(first, at.now.plusSeconds(60));
    ScheduledFire sameJobRunId =
        new ScheduledFire(
            PROJECT,
            "second",
            second.version(),
            second.nextFireAt(),
            at.now.plusSeconds(60),
            second.nextFireAt(),
            new Store.NewJobRun(
                ok.jobRun().id(), PROJECT, "second", Trigger.SCHEDULED, "{}", 1, 1, 60, at.now),
            null,
            at.now);

    assertThatThrownBy(() -> store().fire(List.of(ok, sameJobRunId)))
        .isInstanceOf(StoreException.class);

    assertThat(at.stored("first").nextFireAt()).isEqualTo(at.now);
    assertThat(at.stored("second").nextFireAt()).isEqualTo(at.now);
    assertThat(store().listJobRuns(PROJECT, "first", null, 10).items()).isEmpty();
    assertThat(store().fire(List.of(ok)).get(0).kind()).isEqualTo(Kind.STARTED);
  }

  @Test
  default void skippedFiresAreListedNewestFirstAndOnlyTheNewestAreKept() {
    StoreFixture at = at();
    at.saveScheduledJob("often", at.now);
    at.saveScheduledJob("neighbour", at.now);
    store().fire(List.of(at.missed(at.stored("neighbour"), at.now.plusSeconds(1), "other Job")));
    int recorded = Store.SKIPPED_FIRES_KEPT + 5;
    for (int i = 1; i <= recorded; i++) {
      JobRecord job = at.stored("often");
      at.advance(Duration.ofSeconds(1));
      FireOutcome outcome =
          store()
              .fire(List.of(at.missed(job, job.nextFireAt().plusSeconds(1), "skip " + i)))
              .get(0);
      assertThat(outcome.kind()).isEqualTo(Kind.ADVANCED);
    }

    List<SkippedFire> kept = store().listSkippedFires(PROJECT, "often", 1000);
    assertThat(kept).hasSize(Store.SKIPPED_FIRES_KEPT);
    assertThat(kept.get(0).reason()).isEqualTo("skip " + recorded);
    assertThat(kept.get(kept.size() - 1).reason()).isEqualTo("skip 6");
    assertThat(kept)
        .extracting(SkippedFire::recordedAt)
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(store().listSkippedFires(PROJECT, "often", 3))
        .extracting(SkippedFire::reason)
        .containsExactly("skip 105", "skip 104", "skip 103");
    assertThat(store().listSkippedFires(PROJECT, "neighbour", 10))
        .extracting(SkippedFire::reason)
        .containsExactly("other Job");
  }

  @Test
  default void deletingAJobDropsItsSkippedFires() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("gone", at.now);
    store().fire(List.of(at.missed(job, at.now.plusSeconds(60), "missed")));

    store().deleteJob(PROJECT, "gone");
    at.saveScheduledJob("gone", at.now);

    assertThat(store().listSkippedFires(PROJECT, "gone", 10)).isEmpty();
  }

  @Test
  default void replacingAPausedJobKeepsNoNextFire() {
    StoreFixture at = at();
    JobRecord job = at.saveScheduledJob("resting", at.now.plusSeconds(60));
    store().pauseJob(PROJECT, "resting", at.now);

    JobRecord replaced = store().saveJob(true, payload -> job);

    assertThat(replaced.status()).isEqualTo(JobStatus.PAUSED);
    assertThat(replaced.nextFireAt()).isNull();
    assertThat(at.stored("resting").nextFireAt()).isNull();
  }

  private static JobRecord withNextFireAt(JobRecord job, Instant nextFireAt) {
    return new JobRecord(
        job.project(),
        job.id(),
        job.status(),
        job.configJson(),
        job.payloadId(),
        job.payloadSize(),
        job.version(),
        job.createdAt(),
        job.updatedAt(),
        nextFireAt);
  }
}
