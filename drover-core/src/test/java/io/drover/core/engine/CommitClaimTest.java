package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.Store;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running engine whose dispatcher never polls (an hour between looks): every Run must start from
 * a wake-up or from the commit that frees its slot. The committer is held after each group so that
 * settled attempts pile up to the bound of twice the slots; the commit of such a group must still
 * claim for the slots it frees, or nothing would start again until the poll.
 */
class CommitClaimTest {
  @TempDir Path dataDir;

  /** Returns after a millisecond, or, holding, once {@code release} is counted down. */
  static final class Quick implements Api<JsonParameters> {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release;

    Quick() {
      this(null);
    }

    Quick(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public String name() {
      return "quick";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) throws InterruptedException {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      started.countDown();
      if (release != null) {
        release.await();
      } else {
        Thread.sleep(1);
      }
      running.decrementAndGet();
      calls.incrementAndGet();
      return "ok";
    }
  }

  @Test
  void aCommitOfAsManySettledAttemptsAsTheBoundClaimsForTheSlotsItFrees() throws Exception {
    Quick quick = new Quick();
    Project project = projectOf(quick);
    int slots = 2;
    int items = 60;
    AtomicInteger groups = new AtomicInteger();
    AtomicInteger committed = new AtomicInteger();
    AtomicInteger largest = new AtomicInteger();
    EngineEvents heldCommits =
        new EngineEvents() {
          // After each group, waits until as many attempts as the bound allows have returned, so
          // the next group is the whole bound: twice the slots, none of them executing.
          @Override
          public void committed(List<AttemptOutcome> outcomes, List<Boolean> applied) {
            groups.incrementAndGet();
            largest.accumulateAndGet(outcomes.size(), Math::max);
            int pile = Math.min(items, committed.addAndGet(outcomes.size()) + 2 * slots);
            try {
              for (int i = 0; i < 1000 && quick.calls.get() < pile; i++) {
                Thread.sleep(5);
              }
              Thread.sleep(20); // from the API's return to the committer's queue: microseconds
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    // A JobRun's concurrency counts settled attempts not yet committed: above the bound of two.
    EngineSettings settings = hourlyPoll(slots, 4 * slots);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(new ProjectRegistry().register(project))
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .settings(settings)
              .events(heldCommits)
              .build();
      try {
        JobRunStatus status = runToTheEnd(engine, store, items);
        assertThat(status)
            .as("%d of %d Runs ran, in %d groups", quick.calls.get(), items, groups.get())
            .isEqualTo(JobRunStatus.COMPLETED);
        assertThat(quick.calls).hasValue(items);
        assertThat(quick.mostAtOnce.get())
            .as("attempts executing at once")
            .isLessThanOrEqualTo(slots);
        assertThat(largest.get())
            .as("the committer was held long enough for groups to reach the bound")
            .isEqualTo(2 * slots);
      } finally {
        engine.close();
      }
    }
  }

  @Test
  void aSettledAttemptsSlotIsClaimedForByTheCommitOfItsOutcomeNotByAClaimOfItsOwn()
      throws Exception {
    Quick quick = new Quick();
    int items = 2_000;
    AtomicInteger claims = new AtomicInteger();
    AtomicInteger commits = new AtomicInteger();
    try (SqliteStore sqlite = SqliteStore.open(dataDir)) {
      // Counts the claims the dispatcher makes in transactions of their own, and the commits.
      Store store =
          (Store)
              Proxy.newProxyInstance(
                  Store.class.getClassLoader(),
                  new Class<?>[] {Store.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("claim")) {
                      claims.incrementAndGet();
                    } else if (method.getName().equals("finishAndClaim")) {
                      commits.incrementAndGet();
                    }
                    try {
                      return method.invoke(sqlite, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(new ProjectRegistry().register(projectOf(quick)))
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .settings(hourlyPoll(4, 4))
              .build();
      try {
        assertThat(runToTheEnd(engine, sqlite, items)).isEqualTo(JobRunStatus.COMPLETED);
        assertThat(quick.calls).hasValue(items);
        // The first claim follows the trigger; a settled slot waits for its commit's claim unless
        // that commit is SETTLED_GRACE late (a claim per settlement made hundreds here).
        assertThat(claims.get())
            .as("claims of their own, against %d commits", commits.get())
            .isLessThan(items / 20);
      } finally {
        engine.close();
      }
    }
  }

  @Test
  void aSettlementToldAfterItsCommitClaimedLeavesTheLoopWaitingWhileEverySlotIsBusy()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Quick holding = new Quick(release);
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(new ProjectRegistry().register(projectOf(holding)))
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .settings(hourlyPoll(1, 1))
              .build();
      try {
        Thread runner =
            new Thread(
                () -> {
                  try {
                    runToTheEnd(engine, store, 1);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        runner.start();
        assertThat(holding.started.await(30, TimeUnit.SECONDS)).isTrue();
        Dispatcher dispatcher = engine.dispatcher();
        long before = dispatcher.looks();
        // As a worker tells it when the commit of its outcome has already claimed for its slot.
        dispatcher.settled();
        Thread.sleep(300);
        // Once after the grace, once more if the loop had not yet gone back to waiting after the
        // claim that started the attempt; a loop that spins looks thousands of times.
        assertThat(dispatcher.looks() - before)
            .as("looks for work in 300 ms while the only slot is busy")
            .isLessThanOrEqualTo(5);
        release.countDown();
        runner.join(60_000);
      } finally {
        release.countDown();
        engine.close();
      }
    }
  }

  /** Starts the engine, runs a JobRun of {@code items} quick items and waits for its end. */
  private static JobRunStatus runToTheEnd(Engine engine, SqliteStore store, int items)
      throws Exception {
    StringBuilder payload = new StringBuilder();
    for (int i = 0; i < items; i++) {
      payload.append(i == 0 ? "" : ",").append("{\"apiName\":\"quick\",\"parameters\":{}}");
    }
    String document = "{\"id\":\"many\",\"payload\":[" + payload + "]}";
    engine.start();
    engine
        .jobs()
        .create("test", new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    JobRunRecord jobRun = engine.jobs().trigger("test", "many", Trigger.MANUAL);
    JobRunStatus status = jobRun.status();
    // A liveness bound, not a speed check: without the claim it waits for the hourly poll.
    for (int i = 0; i < 600 && status != JobRunStatus.COMPLETED; i++) {
      Thread.sleep(100);
      status = store.findJobRun("test", jobRun.id()).orElseThrow().status();
    }
    return status;
  }

  /** The defaults but the slots, a JobRun's default concurrency and an hour between polls. */
  private static EngineSettings hourlyPoll(int slots, int concurrency) {
    EngineSettings defaults = EngineSettings.defaults();
    return new EngineSettings(
        slots,
        concurrency,
        defaults.retryBackoff(),
        defaults.maxRetryBackoff(),
        Duration.ofHours(1),
        defaults.watchdogInterval(),
        defaults.maxResultBytes(),
        defaults.maxLogLinesPerAttempt());
  }

  /** A Project named "test" of one API. */
  static Project projectOf(Api<?> api) {
    return new Project() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public List<Api<?>> apis() {
        return List.of(api);
      }
    };
  }
}
