package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.NewRun;
import io.drover.core.store.RunRecord;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine stepped by hand on a settable clock: deadlines, backoff, pause and extensions. */
class EngineTest {
  @TempDir Path dataDir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();
  SqliteStore store;
  SteppedEngine stepped;

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
        entered.countDown();
        release.await();
      }
      return "done";
    }
  }

  /** Fails its first attempt after extending the payload; the retry extends it again. */
  static final class Extending implements Api<JsonParameters> {
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public String name() {
      return "extending";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) {
      if (parameters.containsKey("child")) {
        return "child";
      }
      context.extendPayload(PayloadItem.of("extending", Map.of("child", 1)));
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("first attempt fails after extending");
      }
      return "parent";
    }
  }

  final Extending extending = new Extending();

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
            return List.of(new Blocking(), extending);
          }
        };
    EngineSettings settings =
        EngineSettings.defaults().withRetryBackoff(Duration.ofMinutes(5), Duration.ofMinutes(5));
    stepped =
        new SteppedEngine(
            Engine.builder()
                .store(store)
                .projects(new ProjectRegistry().register(project))
                .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
                .settings(settings),
            clock);
  }

  @AfterEach
  void stop() {
    release.countDown();
    stepped.close();
    store.close();
  }

  @Test
  void anAttemptTimesOutWhenTheClockPassesItsDeadlineAndIsRetriedAfterTheBackoff()
      throws Exception {
    RunRecord run = stepped.engine.startRun("test", new NewRun("blocking", "{}", 2, 30));
    assertThat(stepped.claimOnce()).isEqualTo(1);
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    clock.advance(Duration.ofSeconds(29));
    assertThat(stepped.checkDeadlines()).isZero();
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.RUNNING);

    clock.advance(Duration.ofSeconds(2));
    assertThat(stepped.checkDeadlines()).isEqualTo(1);
    stepped.awaitIdle();
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.TIMED_OUT);
    RunRecord waiting = store.findRun("test", run.id()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(RunStatus.PENDING);
    assertThat(waiting.dueAt()).isEqualTo(clock.now().plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(4));
    assertThat(stepped.claimOnce()).as("still backing off").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(stepped.runDue()).isEqualTo(1);
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.TIMED_OUT, AttemptStatus.SUCCEEDED);
    assertThat(store.findRun("test", run.id()).orElseThrow().resultJson()).isEqualTo("\"done\"");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void extendTimeoutMovesTheDeadlineFromNow() throws Exception {
    RunRecord run = stepped.engine.startRun("test", new NewRun("blocking", "{}", 1, 30));
    stepped.claimOnce();
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofSeconds(20));
    inFlightContext(run).extendTimeout();
    clock.advance(Duration.ofSeconds(20));
    assertThat(stepped.checkDeadlines()).as("40 s in, 20 s after the extension").isZero();
    clock.advance(Duration.ofSeconds(11));
    assertThat(stepped.checkDeadlines()).isEqualTo(1);
    stepped.awaitIdle();
    assertThat(store.findRun("test", run.id()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void pausingCancelsTheRunningAttemptWithoutUsingItAndResumingRunsItAgain() throws Exception {
    stepped.engine.jobs().create("test", document("held", "blocking"));
    String jobRunId =
        stepped.engine.jobs().trigger("test", "held", io.drover.core.state.Trigger.MANUAL).id();
    assertThat(stepped.claimOnce()).isEqualTo(1);
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    stepped.engine.jobs().pause("test", "held");
    stepped.awaitIdle();
    RunRecord run = store.findRun("test", jobRunId + "-1").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.PENDING);
    assertThat(run.attemptsUsed()).isZero();
    assertThat(stepped.claimOnce()).as("a paused JobRun starts nothing").isZero();

    stepped.engine.jobs().resume("test", "held");
    assertThat(stepped.runDue()).isEqualTo(1);
    assertThat(store.findJobRun("test", jobRunId).orElseThrow().status())
        .isEqualTo(JobRunStatus.COMPLETED);
    assertThat(attempts(run))
        .extracting(AttemptRecord::status)
        .containsExactly(AttemptStatus.CANCELED, AttemptStatus.SUCCEEDED);
  }

  @Test
  void extensionsOfAFailedAttemptAreDroppedSoTheRetryAddsThemOnce() {
    stepped.engine.jobs().create("test", document("tree", "extending"));
    String jobRunId =
        stepped.engine.jobs().trigger("test", "tree", io.drover.core.state.Trigger.MANUAL).id();
    stepped.runDue();
    clock.advance(Duration.ofMinutes(5));
    stepped.runDue();

    var runs = store.listRuns(jobRunId, null, null, null, 100).items();
    assertThat(runs).extracting(RunRecord::apiName).containsExactly("extending", "extending");
    assertThat(runs).extracting(RunRecord::resultJson).containsExactly("\"parent\"", "\"child\"");
    assertThat(store.findJobRun("test", jobRunId).orElseThrow().status())
        .isEqualTo(JobRunStatus.COMPLETED);
  }

  @Test
  void theJobRunOptionsCacheIsBounded() {
    JobRunOptions options = new JobRunOptions(store, stepped.engine.authSessions().leases(), 3);
    for (int i = 0; i < 5; i++) {
      stepped.engine.jobs().create("test", document("j" + i, "extending"));
      String jobRunId =
          stepped.engine.jobs().trigger("test", "j" + i, io.drover.core.state.Trigger.MANUAL).id();
      options.of(store.findRun("test", jobRunId + "-1").orElseThrow());
    }
    assertThat(options.size()).isEqualTo(3);
  }

  private AttemptContext inFlightContext(RunRecord run) {
    return stepped.engine.inFlightAttempt(run.id()).orElseThrow();
  }

  private static ByteArrayInputStream document(String id, String api) {
    String json =
        "{\"id\":\"" + id + "\",\"payload\":[{\"apiName\":\"" + api + "\",\"parameters\":{}}]}";
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  private List<AttemptRecord> attempts(RunRecord run) {
    return store.listAttempts(run.id());
  }
}
