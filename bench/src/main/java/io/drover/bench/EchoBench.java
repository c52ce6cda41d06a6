package io.drover.bench;

import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunCounts;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.examples.DemoProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JobRuns of N {@code echo} items (no browser) on the embedded SQLite store, one per size given,
 * each on a fresh database: items/second for saving the Job (streamed document), for creating the
 * JobRun and for executing it, the peak heap used meanwhile (run it with a small -Xmx, e.g.
 * BENCH_HEAP=96m bench/run echo, to see that the heap needed does not grow with the payload), the
 * CPU spent per item by kind of thread, and the claim and commit groups (store transactions).
 * Usage: {@code EchoBench [items[,items...]] [slots]}. With {@code -Dbench.jfr=file.jfr} the
 * execution phase of each size is recorded with Flight Recorder (file-ITEMS.jfr).
 */
public final class EchoBench {
  private EchoBench() {}

  /** What one size measured. */
  record Result(
      int items,
      double saveRate,
      double createRate,
      double executeRate,
      double peakHeapMb,
      Map<String, Double> cpuMillis,
      long claims,
      long commits,
      RunCounts counts) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String size : (args.length > 0 ? args[0] : "100000").split(",")) {
      sizes.add(Integer.parseInt(size.trim()));
    }
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    HeapSampler heap = new HeapSampler();
    heap.start();
    System.out.printf(
        "machine               %s; slots %d, concurrency %d, max heap %.0f MB%n",
        Machine.describe(), slots, slots, Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
    List<Result> results = new ArrayList<>();
    for (int items : sizes) {
      Result result = run(items, slots, heap);
      results.add(result);
      print(result);
    }
    heap.stopSampling();
    if (results.size() > 1) {
      System.out.println();
      System.out.println("| items | execute items/s | peak heap MB | CPU ms per 1,000 items |");
      System.out.println("|---|---|---|---|");
      for (Result r : results) {
        System.out.printf(
            "| %,d | %,.0f | %.1f | %,.0f |%n",
            r.items(), r.executeRate(), r.peakHeapMb(), perThousand(r, "process"));
      }
    }
  }

  /** Runs one JobRun of {@code items} on a fresh store and engine. */
  static Result run(int items, int slots, HeapSampler heap) throws Exception {
    Path dataDir = Files.createTempDirectory("drover-bench");
    ProjectRegistry projects = new ProjectRegistry().register(new DemoProject());
    GroupCounter groups = new GroupCounter();
    System.gc();
    heap.reset();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(projects)
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .clock(Clock.system())
              .settings(EngineSettings.defaults().withSlots(slots))
              .events(groups)
              .build();
      Jobs jobs = engine.jobs();
      engine.start();

      long t0 = System.nanoTime();
      jobs.create("demo", new GeneratedJob("bench", items, slots));
      long t1 = System.nanoTime();
      FlightRecording recording = FlightRecording.startIfAsked(items);
      CpuMeter cpu = new CpuMeter();
      JobRunRecord jobRun = jobs.trigger("demo", "bench", Trigger.MANUAL);
      long t2 = System.nanoTime();
      // A primary-key lookup: the wait costs the same whatever the JobRun's size.
      while (store.findJobRun("demo", jobRun.id()).orElseThrow().status() == JobRunStatus.RUNNING) {
        Thread.sleep(25);
      }
      long t3 = System.nanoTime();
      Map<String, Double> cpuMillis = cpu.millis();
      recording.stop();
      RunCounts counts = store.countRuns(jobRun.id());
      engine.close();
      return new Result(
          items,
          items / sec(t0, t1),
          items / sec(t1, t2),
          items / sec(t2, t3),
          heap.peakMb(),
          cpuMillis,
          groups.claims.get(),
          groups.commits.get(),
          counts);
    } finally {
      deleteTree(dataDir);
    }
  }

  private static void print(Result r) {
    System.out.printf("items                 %,d%n", r.items());
    System.out.printf("save Job (streamed)   %,10.0f items/s%n", r.saveRate());
    System.out.printf("create JobRun         %,10.0f items/s%n", r.createRate());
    System.out.printf(
        "execute JobRun        %,10.0f items/s  (completed %,d, failed %,d)%n",
        r.executeRate(), r.counts().completed(), r.counts().failed());
    System.out.printf("peak heap used        %10.1f MB%n", r.peakHeapMb());
    System.out.printf(
        "CPU while executing   %,10.0f ms per 1,000 items: %s%n",
        perThousand(r, "process"),
        r.cpuMillis().entrySet().stream()
            .filter(e -> !e.getKey().equals("process") && perThousand(r, e.getKey()) >= 0.5)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(e -> e.getKey() + " " + Math.round(perThousand(r, e.getKey())))
            .collect(Collectors.joining(", ")));
    System.out.printf(
        "store groups          %,d claims (%.1f items each), %,d commits (%.1f items each)%n",
        r.claims(),
        r.items() / (double) Math.max(1, r.claims()),
        r.commits(),
        r.items() / (double) Math.max(1, r.commits()));
  }

  private static double perThousand(Result r, String kind) {
    return r.cpuMillis().getOrDefault(kind, 0.0) * 1000 / r.items();
  }

  private static double sec(long from, long to) {
    return (to - from) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
