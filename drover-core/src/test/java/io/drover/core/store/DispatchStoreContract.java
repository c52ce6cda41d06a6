package io.drover.core.store;

import static io.drover.core.store.StoreFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Claiming in one transaction with what precedes it ({@link DispatchStore}). Every database runs it
 * through {@link StoreContractTest}.
 */
public interface DispatchStoreContract {

  Store store();

  StoreFixture at();

  @Test
  default void aClaimByAllocationSplitsTheGroupsItReadsAndClaimsTheQuotas() {
    StoreFixture at = at();
    at.saveJob("a", 3);
    JobRunRecord a = at.startJobRun("a", 3);
    at.claim(a.id(), 1);
    List<List<RunnableGroup>> seen = new ArrayList<>();

    List<ClaimedAttempt> claimed =
        store()
            .claim(
                DispatchStore.Allocation.all(
                    groups -> {
                      seen.add(groups);
                      return Map.of(a.id(), 5);
                    }),
                at.now);

    assertThat(seen).containsExactly(List.of(new RunnableGroup(a.id(), 3, 1)));
    assertThat(claimed)
        .as("a quota above the JobRun's room (cap 3, 1 running) claims only the room")
        .extracting(c -> c.run().seq())
        .containsExactly(2L, 3L);
    assertThat(store().claim(DispatchStore.Allocation.all(groups -> Map.of()), at.now)).isEmpty();
  }

  @Test
  default void aClaimReadsAWindowOfJobRunsWithRoomAfterTheCursorAndWrapsAround() {
    StoreFixture at = at();
    List<String> ids = new ArrayList<>();
    for (String job : List.of("a", "b", "c", "d")) {
      at.saveJob(job, 2);
      ids.add(at.startJobRun(job, 1).id());
    }
    at.claim(ids.get(1), 1); // b is at its cap: not read
    List<List<String>> seen = new ArrayList<>();
    java.util.function.Function<List<RunnableGroup>, Map<String, Integer>> record =
        groups -> {
          seen.add(groups.stream().map(RunnableGroup::jobRunId).toList());
          return Map.of();
        };

    store().claim(new DispatchStore.Allocation(2, null, record), at.now);
    store().claim(new DispatchStore.Allocation(2, ids.get(0), record), at.now);
    store().claim(new DispatchStore.Allocation(2, ids.get(2), record), at.now);
    store().claim(new DispatchStore.Allocation(9, ids.get(3), record), at.now);

    assertThat(seen)
        .containsExactly(
            List.of(ids.get(0), ids.get(2)),
            List.of(ids.get(2), ids.get(3)),
            List.of(ids.get(3), ids.get(0)),
            List.of(ids.get(0), ids.get(2), ids.get(3)));
  }

  @Test
  default void finishingAndClaimingTogetherFreesTheSlotsTheClaimSees() {
    StoreFixture at = at();
    at.saveJob("a", 3);
    JobRunRecord a = at.startJobRun("a", 1);
    ClaimedAttempt first = at.claim(a.id(), 1).get(0);
    List<List<RunnableGroup>> seen = new ArrayList<>();

    DispatchStore.Dispatched done =
        store()
            .finishAndClaim(
                List.of(succeeded(first, "{\"n\":1}")),
                DispatchStore.Allocation.all(
                    groups -> {
                      seen.add(groups);
                      return Map.of(a.id(), 1);
                    }),
                at.now);

    assertThat(done.applied()).containsExactly(true);
    assertThat(seen).containsExactly(List.of(new RunnableGroup(a.id(), 1, 0)));
    assertThat(done.claimed()).extracting(c -> c.run().seq()).containsExactly(2L);
    assertThat(at.run(first.run().id()).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(at.run(first.run().id()).resultJson()).isEqualTo("{\"n\":1}");
    assertThat(store().countRuns(a.id())).isEqualTo(new RunCounts(1, 1, 1, 0, 0));
  }

  @Test
  default void theLastOutcomeCompletesTheJobRunAndNothingIsLeftToClaim() {
    StoreFixture at = at();
    at.saveJob("a", 1);
    JobRunRecord a = at.startJobRun("a", 1);
    ClaimedAttempt only = at.claim(a.id(), 1).get(0);

    DispatchStore.Dispatched done =
        store()
            .finishAndClaim(
                List.of(succeeded(only, "{}")),
                DispatchStore.Allocation.all(
                    groups -> {
                      assertThat(groups).isEmpty();
                      return Map.of();
                    }),
                at.now);

    assertThat(done.claimed()).isEmpty();
    assertThat(at.jobRun(a.id()).status()).isEqualTo(JobRunStatus.COMPLETED);
  }

  @Test
  default void aClaimOverManyJobRunsTakesEachOnesOldestDueRunsWithinItsCap() {
    StoreFixture at = at();
    for (String job : List.of("a", "b", "c", "d", "e")) {
      at.saveJob(job, 3);
    }
    JobRunRecord a = at.startJobRun("a", 2);
    JobRunRecord b = at.startJobRun("b", 1);
    JobRunRecord c = at.startJobRun("c", 5);
    JobRunRecord d = at.startJobRun("d", 5);
    JobRunRecord e = at.startJobRun("e", 5);
    at.claim(a.id(), 1); // a has room for one more
    at.claim(b.id(), 1); // b is at its cap
    store().endJobRun(e.id(), JobRunStatus.CANCELED, "test", at.now); // e is no longer RUNNING
    java.util.function.Function<List<RunnableGroup>, Map<String, Integer>> oneEachAndTwoForD =
        groups -> Map.of(a.id(), 1, b.id(), 1, c.id(), 1, d.id(), 2, e.id(), 1); // b, e: not read

    List<ClaimedAttempt> claimed =
        store().claim(DispatchStore.Allocation.all(oneEachAndTwoForD), at.now);

    assertThat(claimed)
        .as("JobRuns in id order, each one's Runs oldest first; b (at its cap), e (ended): none")
        .extracting(attempt -> attempt.run().jobRunId() + "#" + attempt.run().seq())
        .containsExactly(a.id() + "#2", c.id() + "#1", d.id() + "#1", d.id() + "#2");
    assertThat(claimed).extracting(ClaimedAttempt::attempt).containsOnly(1);
    assertThat(claimed)
        .extracting(attempt -> at.run(attempt.run().id()).status())
        .containsOnly(RunStatus.RUNNING);
    for (ClaimedAttempt attempt : claimed) {
      assertThat(at.finish(succeeded(attempt, "{}")))
          .as("the claim started attempt %d of %s", attempt.attempt(), attempt.run().id())
          .isTrue();
    }
    assertThat(store().countRuns(b.id())).isEqualTo(new RunCounts(2, 1, 0, 0, 0));
  }

  @Test
  default void oneCommitCompletesEachJobRunItLeavesWithNothingToDo() {
    StoreFixture at = at();
    List<AttemptOutcome> outcomes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String job : List.of("a", "b", "c")) {
      at.saveJob(job, job.equals("b") ? 2 : 1);
      JobRunRecord jobRun = at.startJobRun(job, 5);
      ids.add(jobRun.id());
      ClaimedAttempt claimed = at.claim(jobRun.id(), 1).get(0);
      outcomes.add(
          job.equals("c")
              ? StoreFixture.retry(claimed, "again", at.now)
              : succeeded(claimed, "{}"));
    }

    assertThat(store().finishAttempts(outcomes, at.now)).containsExactly(true, true, true);

    assertThat(ids)
        .as("a: done; b: one Run still PENDING; c: its Run is to be retried")
        .extracting(id -> at.jobRun(id).status())
        .containsExactly(JobRunStatus.COMPLETED, JobRunStatus.RUNNING, JobRunStatus.RUNNING);
  }

  @Test
  default void aRejectedOutcomeLeavesNeitherTheOutcomesNorTheClaim() {
    StoreFixture at = at();
    at.saveJob("a", 3);
    JobRunRecord a = at.startJobRun("a", 2);
    List<ClaimedAttempt> claimed = at.claim(a.id(), 2);
    AttemptOutcome stillRunning =
        new AttemptOutcome(
            claimed.get(1).run().id(),
            claimed.get(1).attempt(),
            AttemptStatus.RUNNING,
            RunStatus.COMPLETED,
            null,
            null,
            null,
            List.of(),
            RunKeys.of(claimed.get(1).run()));

    assertThatThrownBy(
            () ->
                store()
                    .finishAndClaim(
                        List.of(succeeded(claimed.get(0), "{}"), stillRunning),
                        DispatchStore.Allocation.all(groups -> Map.of(a.id(), 2)),
                        at.now))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store().countRuns(a.id())).isEqualTo(new RunCounts(1, 2, 0, 0, 0));
    assertThat(store().listAttempts(claimed.get(0).run().id()))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.RUNNING);
  }

  @Test
  default void anAllocationThatFailsLeavesTheOutcomesUnwrittenToo() {
    StoreFixture at = at();
    at.saveJob("a", 2);
    JobRunRecord a = at.startJobRun("a", 1);
    ClaimedAttempt first = at.claim(a.id(), 1).get(0);

    assertThatThrownBy(
            () ->
                store()
                    .finishAndClaim(
                        List.of(succeeded(first, "{}")),
                        DispatchStore.Allocation.all(
                            groups -> {
                              throw new IllegalStateException("no allocation");
                            }),
                        at.now))
        .hasMessage("no allocation");

    assertThat(at.run(first.run().id()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store().countRuns(a.id())).isEqualTo(new RunCounts(1, 1, 0, 0, 0));
  }
}
