package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.AttemptStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.NodeStore;
import io.drover.core.store.RunRecord;
import io.drover.core.store.Store;
import io.drover.core.store.postgres.PostgresStore;
import io.drover.core.store.postgres.TestPostgres;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two or three engines on one PostgreSQL database, as nodes of a cluster, stepped by hand on one
 * settable clock: leases, the reaper, cancellations made on another node, a restarted node.
 */
class ClusterEngineTest {
  static final Duration HEARTBEAT = Duration.ofSeconds(5);
  static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path dir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();
  final CountDownLatch interrupted = new CountDownLatch(1);
  final List<SteppedEngine> engines = new ArrayList<>();
  final List<Store> stores = new ArrayList<>();
  String database;

  /** Its first attempt blocks until released or stopped; later attempts return at once. */
  final class Held implements Api<JsonParameters> {
    @Override
    public String name() {
      return "held";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) throws Exception {
      if (calls.incrementAndGet() == 1) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
      }
      return "done";
    }
  }

  @BeforeEach
  void database() {
    database = TestPostgres.freshDatabase();
  }

  @AfterEach
  void stop() {
    release.countDown();
    engines.forEach(SteppedEngine::close);
    stores.forEach(Store::close);
  }

  /** A node on its own connection pool, as a separate process would be. */
  SteppedEngine node(String name) {
    PostgresStore store = PostgresStore.open(database, TestPostgres.USER, null, 3);
    stores.add(store);
    Project project =
        new Project() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public List<Api<?>> apis() {
            return List.of(new Held());
          }
        };
    SteppedEngine engine =
        new SteppedEngine(
            Engine.builder()
                .store(store)
                .projects(new ProjectRegistry().register(project))
                .artifacts(new FileArtifactStore(dir.resolve(name)))
                .node(Node.named(name, "localhost", null).withLease(HEARTBEAT, LEASE))
                .loop(Reaper::new),
            clock);
    engines.add(engine);
    return engine;
  }

  static Reaper reaper(SteppedEngine node) {
    return node.engine.loop(Reaper.class).orElseThrow();
  }

  String triggerOneItem(SteppedEngine on) {
    String document = "{\"id\":\"one\",\"payload\":[{\"apiName\":\"held\",\"parameters\":{}}]}";
    on.engine
        .jobs()
        .create("test", new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    return on.engine.jobs().trigger("test", "one", Trigger.MANUAL).id() + "-1";
  }

  List<AttemptRecord> attempts(String runId) {
    return stores.get(0).listAttempts(runId);
  }

  @Test
  void aNodeWhoseLeaseLapsesLosesItsAttemptToAnotherNodeAndNeverCommitsIt() throws Exception {
    SteppedEngine a = node("a");
    SteppedEngine b = node("b");
    String run = triggerOneItem(a);
    assertThat(a.claimOnce()).isEqualTo(1);
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    clock.advance(LEASE.minusSeconds(1));
    assertThat(reaper(b).step().reaped().abandonedAttempts()).as("lease not over yet").isZero();
    clock.advance(Duration.ofSeconds(2));
    Reaper.Step reaped = reaper(b).step();

    assertThat(reaped.reaped().lostNodes()).containsExactly(a.engine.parts().node().id());
    assertThat(reaped.reaped().abandonedAttempts()).isEqualTo(1);
    assertThat(a.stopReleased()).as("node a stops what it no longer holds").isEqualTo(1);
    a.awaitIdle();
    assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("its API was stopped").isTrue();
    assertThat(b.runDue()).isEqualTo(1);
    assertThat(attempts(run))
        .extracting(AttemptRecord::status, AttemptRecord::node)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                AttemptStatus.ABANDONED, a.engine.parts().node().id()),
            org.assertj.core.groups.Tuple.tuple(
                AttemptStatus.SUCCEEDED, b.engine.parts().node().id()));
    assertThat(attempts(run).get(0).error()).isEqualTo(NodeStore.ABANDONED_ERROR);
    // Node a finds out at its next heartbeat and joins again, holding nothing.
    assertThat(reaper(a).step().leaseHeld()).isFalse();
    assertThat(reaper(a).step().leaseHeld()).isTrue();
  }

  @Test
  void heartbeatsKeepALeaseForAsLongAsTheNodeRuns() throws Exception {
    SteppedEngine a = node("a");
    SteppedEngine b = node("b");
    triggerOneItem(a);
    a.claimOnce();
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    for (int beat = 0; beat < 20; beat++) {
      clock.advance(HEARTBEAT);
      assertThat(reaper(a).step().leaseHeld()).isTrue();
      assertThat(reaper(b).step().reaped().abandonedAttempts()).isZero();
    }
    assertThat(a.stopReleased()).isZero();
    release.countDown();
    a.awaitIdle();
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aPauseOnOneNodeStopsTheAttemptRunningOnAnother() throws Exception {
    SteppedEngine a = node("a");
    SteppedEngine b = node("b");
    String run = triggerOneItem(a);
    assertThat(b.claimOnce()).isEqualTo(1);
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    a.engine.jobs().pause("test", "one");
    assertThat(b.stopReleased()).isEqualTo(1);
    b.awaitIdle();

    assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("its API was stopped").isTrue();
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.CANCELED);
    RunRecord paused = stores.get(0).findRun("test", run).orElseThrow();
    assertThat(paused.attemptsUsed()).isZero();
    a.engine.jobs().resume("test", "one");
    assertThat(a.runDue()).isEqualTo(1);
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.CANCELED, AttemptStatus.SUCCEEDED);
  }

  @Test
  void aRestartedNodeTakesBackItsPreviousIncarnationsAttemptsAsItStarts() throws Exception {
    SteppedEngine crashed = node("n");
    String run = triggerOneItem(crashed);
    crashed.claimOnce();
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofSeconds(3));

    SteppedEngine restarted = node("n"); // same name, new id: starting takes the attempt back

    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.ABANDONED);
    assertThat(restarted.runDue()).isEqualTo(1);
    release.countDown(); // the old incarnation's API returns: its commit must be refused
    crashed.awaitIdle();
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.ABANDONED, AttemptStatus.SUCCEEDED);
    assertThat(stores.get(0).findRun("test", run).orElseThrow().resultJson()).isEqualTo("\"done\"");
  }
}
