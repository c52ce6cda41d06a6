package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.AttemptStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.NewRun;
import io.drover.core.store.RunRecord;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines and retry backoff follow the injected clock, not the wall clock. */
class EngineTest {
  @TempDir Path dataDir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();
  SqliteStore store;
  Engine engine;

  /** Blocks its first attempt until released (or interrupted); later attempts return at once. */
  final class Blocking implements Api<JsonParameters> {
    @Override
    public String name() {
      return "blocking";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) throws Exception {
      if (calls.incrementAndGet() == 1) {
        release.await();
      }
      return "done";
    }
  }

  @BeforeEach
  void start() {
    store = SqliteStore.open(dataDir);
    Project project =
        new Project() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public List<Api<?>> apis() {
            return List.of(new Blocking());
          }
        };
    EngineSettings settings =
        EngineSettings.defaults().withRetryBackoff(Duration.ofMinutes(5), Duration.ofMinutes(5));
    engine =
        Engine.builder()
            .store(store)
            .projects(new ProjectRegistry().register(project))
            .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
            .clock(clock)
            .settings(settings)
            .build();
    engine.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    engine.close();
    store.close();
  }

  @Test
  void anAttemptTimesOutWhenTheClockPassesItsDeadlineAndIsRetriedAfterTheBackoff()
      throws Exception {
    RunRecord run = engine.startRun("test", new NewRun("blocking", "{}", 2, 30));
    await(() -> calls.get() == 1);

    clock.advance(Duration.ofSeconds(29));
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.RUNNING);

    clock.advance(Duration.ofSeconds(2));
    await(() -> attempts(run).get(0).status() == AttemptStatus.TIMED_OUT);
    RunRecord waiting = store.findRun("test", run.id()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(RunStatus.PENDING);
    assertThat(waiting.dueAt()).isEqualTo(clock.now().plus(Duration.ofMinutes(5)));
    assertThat(calls.get()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    await(() -> store.findRun("test", run.id()).orElseThrow().status() == RunStatus.COMPLETED);
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.TIMED_OUT, AttemptStatus.SUCCEEDED);
    assertThat(store.findRun("test", run.id()).orElseThrow().resultJson()).isEqualTo("\"done\"");
  }

  private List<AttemptRecord> attempts(RunRecord run) {
    return store.listAttempts(run.id());
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 30 s");
      }
      Thread.sleep(10);
    }
  }
}
