package io.drover.core.engine;

import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.JobRunStatus;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.SkippedFire;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An engine on a real SQLite store with a settable clock, never started: tests call {@code
 * scheduler().runDue()} themselves, and JobRuns stay RUNNING until {@link #finish}.
 */
final class ScheduledEngine implements AutoCloseable {
  static final String PROJECT = "demo";

  final SettableClock clock;
  final SqliteStore store;
  final Engine engine;
  final Jobs jobs;
  private final Path dataDir;

  ScheduledEngine(Path dataDir, Instant now) {
    this.dataDir = dataDir;
    this.clock = new SettableClock(now);
    this.store = SqliteStore.open(dataDir);
    ProjectRegistry projects = new ProjectRegistry().register(new EchoProject());
    this.engine =
        Engine.builder()
            .store(store)
            .projects(projects)
            .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
            .clock(clock)
            .random(new SplittableRandom(42))
            .build();
    this.jobs = engine.jobs();
  }

  /** A new engine on the same data directory, as after a server restart at {@code now}. */
  ScheduledEngine restart(Instant now) {
    close();
    return new ScheduledEngine(dataDir, now);
  }

  Scheduler scheduler() {
    return engine.scheduler();
  }

  /** Saves a Job of one echo item with this schedule ({@code null}: none). */
  JobRecord save(String id, String schedule) {
    return jobs.create(PROJECT, document(id, schedule));
  }

  JobRecord replace(String id, String schedule) {
    return jobs.replace(PROJECT, id, document(id, schedule));
  }

  private static ByteArrayInputStream document(String id, String schedule) {
    String json =
        "{\"id\": \""
            + id
            + "\", \"payload\": [{\"apiName\": \"echo\", \"parameters\": {}}]"
            + (schedule == null ? "" : ", \"schedule\": " + schedule)
            + "}";
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  JobRecord job(String id) {
    return jobs.get(PROJECT, id);
  }

  /** Newest first. */
  List<JobRunRecord> jobRuns(String jobId) {
    return store.listJobRuns(PROJECT, jobId, null, 1000).items();
  }

  JobRunRecord jobRun(String id) {
    return store.findJobRun(PROJECT, id).orElseThrow();
  }

  List<SkippedFire> skipped(String jobId) {
    return store.listSkippedFires(PROJECT, jobId, 1000);
  }

  /** Ends a JobRun, so the Job may start the next. */
  void finish(JobRunRecord jobRun) {
    store.endJobRun(jobRun.id(), JobRunStatus.CANCELED, "test done with it", clock.now());
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }

  private static final class EchoProject implements Project {
    @Override
    public String name() {
      return PROJECT;
    }

    @Override
    public List<Api<?>> apis() {
      return List.of(
          new Api<JsonParameters>() {
            @Override
            public String name() {
              return "echo";
            }

            @Override
            public Class<JsonParameters> parametersType() {
              return JsonParameters.class;
            }

            @Override
            public Object run(JsonParameters parameters, RunContext context) {
              return parameters;
            }
          });
    }
  }
}
