package io.drover.bench;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.JobRecord;
import io.drover.core.store.RunCounts;
import io.drover.core.store.RunKeys;
import io.drover.core.store.Store.NewJobRun;
import io.drover.core.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Measures the store alone (no engine): creating a JobRun of N items, then claiming and finishing
 * it in batches. Run: {@code bench/run store [items] [batch] [dir]}.
 */
public final class StoreBench {

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("drover-throughput");
    Instant now = Instant.parse("2026-11-29T10:00:00Z");
    try (SqliteStore store = SqliteStore.open(dir)) {
      long t0 = System.nanoTime();
      store.saveJob(
          false,
          payload -> {
            for (int i = 1; i <= items; i++) {
              payload.add(
                  "details",
                  "{\"url\":\"https://shop.example/item/" + i + "\",\"page\":" + i + "}",
                  null,
                  null);
            }
            return new JobRecord(
                "bench", "big", JobStatus.ACTIVE, "{}", null, 0, 0, now, now, null);
          });
      long t1 = System.nanoTime();
      store.createJobRun(
          new NewJobRun("JR", "bench", "big", Trigger.MANUAL, "{}", batch, 3, 600, now));
      long t2 = System.nanoTime();
      report("saveJob", items, t1 - t0);
      report("createJobRun", items, t2 - t1);
      time("runnableGroups", () -> store.runnableGroups(now));
      time("countRuns", () -> store.countRuns("JR"));
      time(
          "listRuns(status, page 100)",
          () -> store.listRuns("JR", RunStatus.PENDING, null, "500", 100));

      long done = 0;
      long claiming = 0;
      long t3 = System.nanoTime();
      while (true) {
        long before = System.nanoTime();
        List<ClaimedAttempt> claimed = store.claim(Map.of("JR", batch), now);
        claiming += System.nanoTime() - before;
        if (claimed.isEmpty()) {
          break;
        }
        store.finishAttempts(
            claimed.stream()
                .map(
                    c ->
                        new AttemptOutcome(
                            c.run().id(),
                            c.attempt(),
                            AttemptStatus.SUCCEEDED,
                            RunStatus.COMPLETED,
                            null,
                            "{\"title\":\"t\"}",
                            null,
                            List.of(),
                            RunKeys.of(c.run())))
                .toList(),
            now);
        done += claimed.size();
      }
      long t4 = System.nanoTime();
      report("claim+finish (batch " + batch + ")", done, t4 - t3);
      report("  of which claim", done, claiming);
      RunCounts counts = store.countRuns("JR");
      System.out.println(
          "counts "
              + counts
              + ", JobRun "
              + store.findJobRun("bench", "JR").orElseThrow().status());
    }
  }

  /** Mean of 100 calls after 10 warm-up calls, with all Runs still PENDING. */
  private static void time(String what, Runnable call) {
    for (int i = 0; i < 10; i++) {
      call.run();
    }
    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      call.run();
    }
    System.out.printf("%-28s %,8.2f ms per call%n", what, (System.nanoTime() - start) / 100 / 1e6);
  }

  private static void report(String what, long items, long nanos) {
    double millis = nanos / 1e6;
    System.out.printf(
        "%-28s %,8d items %,8.0f ms %,10.0f items/s%n",
        what, items, millis, items / (millis / 1000));
  }
}
