package io.drover.bench;

import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineEvents;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunRecord;
import io.drover.core.store.ScheduledFire;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.examples.DemoProject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * N Jobs that all fire every minute (one {@code echo} item each, no browser) on the embedded SQLite
 * store, for a few rounds: how late each SCHEDULED JobRun is created (its createdAt, the time the
 * scheduler decided the fire), committed (when the engine reported the fire, after its transaction
 * committed: when others can see it) and its Run started (the first attempt's start), against the
 * nominal fire time (p50/p99/max). Usage: {@code ScheduleBench [jobs] [rounds] [slots]}.
 */
public final class ScheduleBench {
  private ScheduleBench() {}

  public static void main(String[] args) throws Exception {
    int jobCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int slots = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Path dataDir = Files.createTempDirectory("drover-schedule-bench");
    ProjectRegistry projects = new ProjectRegistry().register(new DemoProject());
    Clock clock = Clock.system();
    List<Long> committed = Collections.synchronizedList(new ArrayList<>());
    EngineEvents fired =
        new EngineEvents() {
          @Override
          public void fired(List<ScheduledFire> fires, List<FireOutcome> outcomes) {
            long at = System.currentTimeMillis(); // called once the fires are committed
            for (int i = 0; i < fires.size(); i++) {
              if (outcomes.get(i).kind() == FireOutcome.Kind.STARTED) {
                committed.add(at - fires.get(i).nominalAt().toEpochMilli());
              }
            }
          }
        };
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      EngineSettings settings = EngineSettings.defaults().withSlots(slots);
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(projects)
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .clock(clock)
              .settings(settings)
              .events(fired)
              .build();
      Jobs jobs = engine.jobs();
      engine.start();

      long t0 = System.nanoTime();
      for (int i = 0; i < jobCount; i++) {
        jobs.create("demo", document(String.format("minutely-%04d", i)));
      }
      long saveMillis = (System.nanoTime() - t0) / 1_000_000;
      Instant firstRound =
          Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      Instant lastRound = firstRound.plus(Duration.ofMinutes(rounds - 1));
      System.out.printf(
          "%,d Jobs saved in %,d ms; rounds at %s .. %s%n",
          jobCount, saveMillis, firstRound, lastRound);
      // The last round's JobRuns are created within a second or so; give them time to finish.
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastRound).toMillis()) + 15_000);

      List<Long> created = new ArrayList<>();
      List<Long> started = new ArrayList<>();
      Map<Instant, List<Long>> startedByRound = new TreeMap<>();
      int skipped = 0;
      for (int i = 0; i < jobCount; i++) {
        String jobId = String.format("minutely-%04d", i);
        for (JobRunRecord jobRun : store.listJobRuns("demo", jobId, null, 1000).items()) {
          Instant nominal = jobRun.createdAt().truncatedTo(ChronoUnit.MINUTES);
          created.add(Duration.between(nominal, jobRun.createdAt()).toMillis());
          List<RunRecord> runs = store.listRuns(jobRun.id(), null, null, null, 1).items();
          if (!runs.isEmpty() && runs.get(0).startedAt() != null) {
            long late = Duration.between(nominal, runs.get(0).startedAt()).toMillis();
            started.add(late);
            startedByRound.computeIfAbsent(nominal, round -> new ArrayList<>()).add(late);
          }
        }
        skipped += store.listSkippedFires("demo", jobId, 1000).size();
      }
      engine.close();

      System.out.printf("machine               %s%n", Machine.describe());
      System.out.printf(
          "scheduled JobRuns     %,d (expected %,d: %,d Jobs x %d rounds), skipped fires %d%n",
          created.size(), jobCount * rounds, jobCount, rounds, skipped);
      print("JobRun created late", created);
      print("JobRun committed late", committed);
      print("first Run started late", started);
      // The first round runs on a JVM that has just started (code not yet compiled); the others
      // show a server that has been up for a while.
      for (Map.Entry<Instant, List<Long>> round : startedByRound.entrySet()) {
        print("  round " + round.getKey().toString().substring(11, 16), round.getValue());
      }
    } finally {
      deleteTree(dataDir);
    }
  }

  private static ByteArrayInputStream document(String id) {
    String json =
        "{\"id\":\""
            + id
            + "\",\"payload\":[{\"apiName\":\"echo\",\"parameters\":{\"job\":\""
            + id
            + "\"}}],\"schedule\":{\"intervals\":[{\"every\":\"1m\"}]}}";
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void print(String what, List<Long> millis) {
    if (millis.isEmpty()) {
      System.out.printf("%-24s no samples%n", what);
      return;
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "%-22s p50 %,6d ms   p99 %,6d ms   max %,6d ms   (%,d samples)%n",
        what,
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
