package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.Trigger;
import io.drover.core.store.sqlite.SqliteStore;
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
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JobRuns a claim serves: with fewer free slots than JobRuns, each claim's window starts
 * after the last JobRun the one before served, so every JobRun gets its turn; with a slot for each,
 * every claim serves them all.
 */
class ClaimTurnsTest {
  @TempDir Path dataDir;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
  private SqliteStore store;
  private SteppedEngine stepped;

  /** Records the Job of each call, in the order the calls start. */
  static final class Recording implements Api<JsonParameters> {
    final List<String> jobs = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) {
      jobs.add((String) parameters.get("job"));
      return "ok";
    }
  }

  private final Recording recording = new Recording();

  @AfterEach
  void stop() {
    if (stepped != null) {
      stepped.close();
    }
    store.close();
  }

  @Test
  void oneSlotServesThreeJobRunsInTurn() {
    start(1);
    trigger("a", 2);
    trigger("b", 2);
    trigger("c", 2);

    stepped.runDue();

    // One Run per claim; JobRun ids follow their creation, so a, b, c is id order.
    assertThat(recording.jobs).containsExactly("a", "b", "c", "a", "b", "c");
  }

  @Test
  void slotsForEveryJobRunServeThemAllInEachClaim() {
    start(4);
    trigger("a", 2);
    trigger("b", 2);
    trigger("c", 2);

    assertThat(stepped.claimOnce()).isEqualTo(4);
    stepped.awaitIdle();
    assertThat(stepped.claimOnce()).isEqualTo(2);
    stepped.awaitIdle();

    assertThat(recording.jobs.subList(0, 4)).as("the first claim").contains("a", "b", "c");
    assertThat(recording.jobs).containsExactlyInAnyOrder("a", "a", "b", "b", "c", "c");
  }

  private void start(int slots) {
    store = SqliteStore.open(dataDir);
    Project project = CommitClaimTest.projectOf(recording);
    stepped =
        new SteppedEngine(
            Engine.builder()
                .store(store)
                .projects(new ProjectRegistry().register(project))
                .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
                .settings(EngineSettings.defaults().withSlots(slots)),
            clock);
  }

  /** A Job of {@code items} Runs, triggered; a JobRun's default cap leaves it room for them all. */
  private void trigger(String job, int items) {
    String payload =
        String.join(
            ",",
            Stream.generate(
                    () -> "{\"apiName\":\"recording\",\"parameters\":{\"job\":\"" + job + "\"}}")
                .limit(items)
                .toList());
    String json = "{\"id\":\"" + job + "\",\"payload\":[" + payload + "]}";
    stepped
        .engine
        .jobs()
        .create("test", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    stepped.engine.jobs().trigger("test", job, Trigger.MANUAL);
    clock.advance(Duration.ofMillis(1));
  }
}
