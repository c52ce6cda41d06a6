package io.drover.core.store;

import static io.drover.core.store.StoreFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.NodeStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.NodeStore.AttemptKey;
import io.drover.core.store.NodeStore.Reaped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The nodes-and-leases part of the Store contract: attempts held by their node, taken back once
 * when its lease lapses, caps that hold whoever claims. Every database runs it through {@link
 * StoreContractTest}.
 */
public interface NodeStoreContract {
  Duration LEASE = Duration.ofSeconds(30);

  Store store();

  StoreFixture at();

  /** Whether several nodes may use the database at once (not SQLite: one process per file). */
  default boolean severalNodes() {
    return true;
  }

  private NodeStore nodes() {
    return store().nodes();
  }

  private Instant lapsedBefore() {
    return at().now.minus(LEASE);
  }

  @Test
  default void aNodeHoldsItsAttemptsWhileItHeartBeats() {
    StoreFixture at = at();
    NewNode a = at.joinNode("a");
    at.saveJob("shop", 3);
    String jobRun = at.startJobRun("shop").id();
    List<ClaimedAttempt> claimed = at.claim(a.id(), jobRun, 2);
    at.advance(Duration.ofSeconds(25));
    assertThat(nodes().heartbeat(a.id(), at.now)).isTrue();
    at.advance(Duration.ofSeconds(25));

    assertThat(nodes().reapNodes(lapsedBefore(), at.now)).isEqualTo(new Reaped(List.of(), 0));
    assertThat(nodes().runningAttempts(a.id()))
        .containsExactlyInAnyOrder(
            new AttemptKey(claimed.get(0).run().id(), 1),
            new AttemptKey(claimed.get(1).run().id(), 1));
    assertThat(store().listAttempts(claimed.get(0).run().id()).get(0).node()).isEqualTo(a.id());
    assertThat(at.finish(a.id(), succeeded(claimed.get(0), "{}"))).isTrue();
    assertThat(nodes().runningAttempts(a.id()))
        .containsExactly(new AttemptKey(claimed.get(1).run().id(), 1));
  }

  @Test
  default void onlyTheNodeHoldingAnAttemptCommitsIt() {
    assumeTrue(severalNodes(), "several nodes share this database");
    StoreFixture at = at();
    NewNode a = at.joinNode("a");
    NewNode b = at.joinNode("b");
    at.saveJob("shop", 1);
    ClaimedAttempt claimed = at.claim(a.id(), at.startJobRun("shop").id(), 1).get(0);

    assertThat(at.finish(b.id(), succeeded(claimed, "{\"by\":\"b\"}"))).isFalse();
    assertThat(at.run(claimed.run().id()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(at.finish(a.id(), succeeded(claimed, "{\"by\":\"a\"}"))).isTrue();
    assertThat(at.run(claimed.run().id()).resultJson()).isEqualTo("{\"by\":\"a\"}");
  }

  @Test
  default void aNodeWhoseLeaseLapsedLosesItsAttemptsOnceAndMayJoinAgain() {
    assumeTrue(severalNodes(), "several nodes share this database");
    StoreFixture at = at();
    NewNode a = at.joinNode("a");
    NewNode b = at.joinNode("b");
    at.saveJob("shop", 3);
    String jobRun = at.startJobRun("shop").id();
    List<ClaimedAttempt> onA = at.claim(a.id(), jobRun, 2);
    ClaimedAttempt onB = at.claim(b.id(), jobRun, 1).get(0);
    at.advance(LEASE.plusSeconds(1));
    nodes().heartbeat(b.id(), at.now);

    assertThat(nodes().reapNodes(lapsedBefore(), at.now)).isEqualTo(new Reaped(List.of(a.id()), 2));
    assertThat(nodes().reapNodes(lapsedBefore(), at.now)).isEqualTo(new Reaped(List.of(), 0));

    RunRecord taken = at.run(onA.get(0).run().id());
    assertThat(taken.status()).isEqualTo(RunStatus.PENDING);
    assertThat(taken.dueAt()).as("keeps its due time: runs again first").isBefore(at.now);
    assertThat(taken.dueAt()).isEqualTo(onA.get(0).run().dueAt());
    assertThat(taken.attemptsUsed()).isZero();
    AttemptRecord abandoned = store().listAttempts(taken.id()).get(0);
    assertThat(abandoned.status()).isEqualTo(AttemptStatus.ABANDONED);
    assertThat(abandoned.error()).isEqualTo(NodeStore.ABANDONED_ERROR);
    assertThat(at.run(onB.run().id()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(nodes().findNode(a.id()).orElseThrow().status()).isEqualTo(NodeStatus.LOST);
    // Node a comes back: its heartbeat tells it the lease is gone, its old results are refused.
    assertThat(nodes().heartbeat(a.id(), at.now)).isFalse();
    assertThat(at.finish(a.id(), succeeded(onA.get(0), "{}"))).isFalse();
    assertThat(nodes().runningAttempts(a.id())).isEmpty();
    nodes().joinNode(a, at.now);
    assertThat(nodes().heartbeat(a.id(), at.now)).isTrue();
    List<ClaimedAttempt> again = at.claim(a.id(), jobRun, 2);
    assertThat(again).extracting(ClaimedAttempt::attempt).containsExactly(2, 2);
    assertThat(at.finish(a.id(), succeeded(again.get(0), "{}"))).isTrue();
  }

  @Test
  default void reapersRacingTakeBackEachAttemptExactlyOnce() throws Exception {
    assumeTrue(severalNodes(), "several nodes share this database");
    StoreFixture at = at();
    List<NewNode> dead = new ArrayList<>();
    at.saveJob("shop", 60);
    String jobRun = at.startJobRun("shop", 60).id();
    for (int i = 0; i < 6; i++) {
      NewNode node = at.joinNode("dead-" + i);
      dead.add(node);
      at.claim(node.id(), jobRun, 10);
    }
    at.advance(LEASE.plusSeconds(1));
    int reapers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(reapers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Reaped>> results = new ArrayList<>();
    try {
      for (int i = 0; i < reapers; i++) {
        NewNode reaper = at.joinNode("reaper-" + i);
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  nodes().heartbeat(reaper.id(), at.now);
                  return nodes().reapNodes(lapsedBefore(), at.now);
                }));
      }
      go.countDown();
      List<String> lost = new ArrayList<>();
      int abandoned = 0;
      for (Future<Reaped> result : results) {
        Reaped reaped = result.get(60, TimeUnit.SECONDS);
        lost.addAll(reaped.lostNodes());
        abandoned += reaped.abandonedAttempts();
      }
      assertThat(lost).containsExactlyInAnyOrderElementsOf(dead.stream().map(NewNode::id).toList());
      assertThat(abandoned).isEqualTo(60);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().countRuns(jobRun)).isEqualTo(new RunCounts(60, 0, 0, 0, 0));
    for (int i = 1; i <= 60; i++) {
      assertThat(store().listAttempts(jobRun + "-" + i))
          .extracting(AttemptRecord::status)
          .containsExactly(AttemptStatus.ABANDONED);
    }
  }

  @Test
  default void aRestartedNodeTakesBackWhatItsPreviousIncarnationHeldAtOnce() {
    StoreFixture at = at();
    NewNode before = at.joinNode("n1");
    at.saveJob("shop", 2);
    String jobRun = at.startJobRun("shop").id();
    ClaimedAttempt cut = at.claim(before.id(), jobRun, 1).get(0);
    at.advance(Duration.ofSeconds(2));

    NewNode after = new NewNode(at.nextId(), "n1", before.host(), before.url(), "test", 4);
    assertThat(nodes().joinNode(after, at.now)).isEqualTo(1);

    assertThat(at.run(cut.run().id()).status()).isEqualTo(RunStatus.PENDING);
    assertThat(nodes().findNode(before.id()).orElseThrow().status()).isEqualTo(NodeStatus.LOST);
    assertThat(nodes().findNode(after.id()).orElseThrow().status()).isEqualTo(NodeStatus.UP);
    assertThat(nodes().servingNodeOf(before.id()).orElseThrow().id()).isEqualTo(after.id());
  }

  @Test
  default void aNodeThatLeavesHandsBackItsAttemptsAtOnce() {
    StoreFixture at = at();
    NewNode a = at.joinNode("a");
    at.saveJob("shop", 2);
    ClaimedAttempt claimed = at.claim(a.id(), at.startJobRun("shop").id(), 1).get(0);

    assertThat(nodes().leaveNode(a.id(), at.now)).isEqualTo(1);

    assertThat(at.run(claimed.run().id()).status()).isEqualTo(RunStatus.PENDING);
    NodeRecord left = nodes().findNode(a.id()).orElseThrow();
    assertThat(left.status()).isEqualTo(NodeStatus.STOPPED);
    assertThat(left.endedAt()).isEqualTo(at.now);
    assertThat(nodes().heartbeat(a.id(), at.now)).isFalse();
    assertThat(nodes().servingNodeOf(a.id())).isEmpty();
  }

  @Test
  default void nodesAreListedWithTheirRunningAttemptsAndRecentlyEndedOnesToo() {
    StoreFixture at = at();
    NewNode a = at.joinNode("a");
    at.saveJob("shop", 5);
    at.claim(a.id(), at.startJobRun("shop").id(), 3);
    Instant joined = at.now;
    at.advance(Duration.ofSeconds(4));
    nodes().heartbeat(a.id(), at.now);

    NodeRecord listed = nodes().listNodes(at.now.minusSeconds(60)).get(0);

    assertThat(listed)
        .isEqualTo(
            new NodeRecord(
                a.id(),
                "a",
                "host-a",
                "http://a",
                "test",
                4,
                NodeStatus.UP,
                joined,
                at.now,
                null,
                3));
    nodes().leaveNode(a.id(), at.now);
    assertThat(nodes().listNodes(at.now.minusSeconds(60)))
        .extracting(NodeRecord::status, NodeRecord::runningAttempts)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(NodeStatus.STOPPED, 0));
    assertThat(nodes().listNodes(at.now.plusSeconds(1))).isEmpty();
  }

  @Test
  default void nodesEndingTheLastRunsOfAJobRunAtOnceCompleteIt() throws Exception {
    StoreFixture at = at();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        at.saveJob("race-" + round, 2);
        String jobRun = at.startJobRun("race-" + round).id();
        ClaimedAttempt onA = at.claim("a", jobRun, 1).get(0);
        ClaimedAttempt onB = at.claim("b", jobRun, 1).get(0);
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> a =
            pool.submit(
                () -> {
                  go.await();
                  return at.finish("a", succeeded(onA, "{}"));
                });
        Future<Boolean> b =
            pool.submit(
                () -> {
                  go.await();
                  return at.finish("b", succeeded(onB, "{}"));
                });
        go.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(at.jobRun(jobRun).status())
            .as("round " + round)
            .isEqualTo(JobRunStatus.COMPLETED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void aClaimNeverStartsMoreRunsOfAJobRunThanItsCap() {
    StoreFixture at = at();
    at.saveJob("shop", 10);
    String jobRun = at.startJobRun("shop", 3).id();

    List<ClaimedAttempt> first = at.claim("a", jobRun, 2);
    assertThat(first).hasSize(2);
    assertThat(at.claim("b", jobRun, 5)).hasSize(1);
    assertThat(at.claim("a", jobRun, 5)).isEmpty();
    at.finish("a", succeeded(first.get(0), "{}"));
    assertThat(at.claim("b", jobRun, 5)).hasSize(1);
    assertThat(store().countRuns(jobRun).running()).isEqualTo(3);
  }

  @Test
  default void claimersOnSeveralNodesHoldTheCapTogether() throws Exception {
    StoreFixture at = at();
    int cap = 5;
    at.saveJob("shop", 200);
    String jobRun = at.startJobRun("shop", cap).id();
    AtomicInteger most = new AtomicInteger();
    int claimers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < claimers; i++) {
        String node = "claimer-" + i;
        done.add(
            pool.submit(
                () -> {
                  int finished = 0;
                  while (store().countRuns(jobRun).pending() > 0) {
                    List<ClaimedAttempt> claimed = at.claim(node, jobRun, cap);
                    // Only claims raise the count: any reading above the cap is a claim past it.
                    most.accumulateAndGet((int) store().countRuns(jobRun).running(), Math::max);
                    for (ClaimedAttempt attempt : claimed) {
                      assertThat(at.finish(node, succeeded(attempt, "{}"))).isTrue();
                      finished++;
                    }
                  }
                  return finished;
                }));
      }
      int total = 0;
      for (Future<Integer> claimer : done) {
        total += claimer.get(120, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isBetween(1, cap);
    assertThat(store().countRuns(jobRun)).isEqualTo(new RunCounts(0, 0, 200, 0, 0));
  }
}
