package io.drover.bench;

import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.sink.Deliverer;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The same JobRun of N {@code echo} items (no browser, embedded SQLite store, the engine of
 * EchoBench with the Deliverer loop running as in the server) executed without a sink and with a
 * signed webhook sink into a {@link TimedReceiver} in this JVM, or with an S3 sink into S3Proxy in
 * this JVM (path style, signatures checked, an in-memory store), each on a fresh database, in the
 * order given (default none, webhook, none, webhook, so both kinds share the machine's load).
 * Reports execution items/s (trigger to JobRun ended) of each, deliveries per second (from the
 * first Run's end to the last delivery's first receipt; for S3, to the last delivery recorded
 * DELIVERED) and the delay from each Run's {@code endedAt} to its delivery's first receipt (p50,
 * p99, max; for S3, from the delivery's creation, in the Run's final commit, to its recorded end).
 * Usage: {@code SinkBench [items] [slots] [order, e.g. none,webhook,none,webhook,none,s3]}.
 */
public final class SinkBench {
  private static final long DELIVERY_TIMEOUT_NANOS = 300_000_000_000L;
  private static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("bench-signing-key-of-32-bytes!!!".getBytes());

  private SinkBench() {}

  record Result(
      String way,
      int items,
      double executeRate,
      RunCounts counts,
      Map<String, Double> cpuMillis,
      Deliveries deliveries) {}

  /** What the receiver saw; null for a run without a sink. */
  record Deliveries(
      int distinct,
      int requests,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double maxMs,
      double afterEndSeconds) {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    List<String> order =
        Arrays.asList((args.length > 2 ? args[2] : "none,webhook,none,webhook").split(","));
    System.out.printf(
        "machine               %s; %,d items, slots %d, concurrency %d, max heap %.0f MB%n",
        Machine.describe(),
        items,
        slots,
        slots,
        Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
    List<Result> results = new ArrayList<>();
    try (TimedReceiver receiver = new TimedReceiver(16);
        BenchS3 s3 = order.contains("s3") ? new BenchS3() : null) {
      for (String way : order) {
        if (!List.of("none", "webhook", "s3").contains(way)) {
          throw new IllegalArgumentException(
              "order: '" + way + "': expected none, webhook or s3, comma-separated");
        }
        Result result = run(way, items, slots, receiver, s3);
        results.add(result);
        print(result);
      }
    }
    System.out.println();
    System.out.println(
        "| run | sink | execute items/s | deliveries/s | delay p50 | delay p99 | delay max |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      Deliveries d = r.deliveries();
      System.out.printf(
          "| %d | %s | %,.0f | %s | %s | %s | %s |%n",
          i + 1,
          r.way(),
          r.executeRate(),
          d == null ? "-" : String.format("%,.0f", d.perSecond()),
          d == null ? "-" : String.format("%,.0f ms", d.p50Ms()),
          d == null ? "-" : String.format("%,.0f ms", d.p99Ms()),
          d == null ? "-" : String.format("%,.0f ms", d.maxMs()));
    }
    double none = mean(results, "none");
    for (String way : List.of("webhook", "s3")) {
      double with = mean(results, way);
      if (none > 0 && with > 0) {
        System.out.printf(
            "execution with the %s sink: %,.0f against %,.0f items/s without (mean of each):"
                + " cost %.1f%%%n",
            way, with, none, (1 - with / none) * 100);
      }
    }
  }

  static Result run(String way, int items, int slots, TimedReceiver receiver, BenchS3 s3)
      throws Exception {
    Path dataDir = Files.createTempDirectory("drover-bench");
    ProjectRegistry projects = new ProjectRegistry().register(new DemoProject());
    receiver.reset();
    System.gc();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(projects)
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .clock(Clock.system())
              .settings(EngineSettings.defaults().withSlots(slots))
              .loop(Deliverer.factory())
              .build();
      Jobs jobs = engine.jobs();
      engine.start();
      String sink =
          switch (way) {
            case "webhook" ->
                "{\"type\":\"webhook\",\"url\":\""
                    + receiver.url()
                    + "\",\"secret\":\""
                    + SECRET
                    + "\"}";
            case "s3" -> s3.sinkJson();
            default -> null;
          };
      jobs.create("demo", new GeneratedJob("bench", items, slots, sink));
      CpuMeter cpu = new CpuMeter();
      long t0 = System.nanoTime();
      JobRunRecord jobRun = jobs.trigger("demo", "bench", Trigger.MANUAL);
      while (store.findJobRun("demo", jobRun.id()).orElseThrow().status() == JobRunStatus.RUNNING) {
        Thread.sleep(25);
      }
      long t1 = System.nanoTime();
      Deliveries deliveries = null;
      if (way.equals("s3")) {
        deliveries = storedDeliveries(store, jobRun.id(), items, t1);
      } else if (sink != null) {
        while (receiver.distinct() < items && System.nanoTime() - t1 < DELIVERY_TIMEOUT_NANOS) {
          Thread.sleep(10);
        }
        deliveries = deliveries(receiver, items, (System.nanoTime() - t1) / 1e9);
        // Not measured: the last tries are still being recorded; closing now would cut them off.
        long[] counts = store.deliveries().countForJobRun(jobRun.id());
        for (long until = System.nanoTime() + 60_000_000_000L;
            counts[0] > 0 && System.nanoTime() < until;
            counts = store.deliveries().countForJobRun(jobRun.id())) {
          Thread.sleep(50);
        }
        System.out.printf(
            "in the store          %,d DELIVERED, %,d PENDING, %,d FAILED%n",
            counts[1], counts[0], counts[2]);
      }
      Map<String, Double> cpuMillis = cpu.millis();
      RunCounts counts = store.countRuns(jobRun.id());
      engine.close();
      return new Result(way, items, items / ((t1 - t0) / 1e9), counts, cpuMillis, deliveries);
    } finally {
      deleteTree(dataDir);
    }
  }

  /** The S3 deliveries as the store recorded them, once none is PENDING. */
  private static Deliveries storedDeliveries(
      SqliteStore store, String jobRunId, int items, long jobRunEnded) throws Exception {
    long[] counts = store.deliveries().countForJobRun(jobRunId);
    while (counts[0] > 0 && System.nanoTime() - jobRunEnded < DELIVERY_TIMEOUT_NANOS) {
      Thread.sleep(10);
      counts = store.deliveries().countForJobRun(jobRunId);
    }
    double afterEnd = (System.nanoTime() - jobRunEnded) / 1e9;
    System.out.printf(
        "in the store          %,d DELIVERED, %,d PENDING, %,d FAILED%n",
        counts[1], counts[0], counts[2]);
    List<Long> delays = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    String cursor = null;
    do {
      io.drover.core.store.Page<io.drover.core.store.DeliveryRecord> page =
          store
              .deliveries()
              .listForJobRun(
                  "demo", jobRunId, io.drover.core.state.DeliveryStatus.DELIVERED, cursor, 1000);
      for (io.drover.core.store.DeliveryRecord delivery : page.items()) {
        long created = delivery.createdAt().toEpochMilli();
        long ended = delivery.endedAt().toEpochMilli();
        delays.add((ended - created) * 1000);
        first = Math.min(first, created);
        last = Math.max(last, ended);
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length < items) {
      System.out.printf(
          "NOT ALL DELIVERED: %,d of %,d within %.0f s%n", sorted.length, items, afterEnd);
    }
    return new Deliveries(
        sorted.length,
        sorted.length,
        sorted.length / Math.max(0.001, (last - first) / 1e3),
        percentile(sorted, 0.50) / 1000.0,
        percentile(sorted, 0.99) / 1000.0,
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
        afterEnd);
  }

  private static Deliveries deliveries(TimedReceiver receiver, int items, double afterEnd) {
    Map<String, TimedReceiver.Receipt> receipts = receiver.receipts();
    long[] delays = new long[receipts.size()];
    long firstEnd = Long.MAX_VALUE;
    int i = 0;
    for (TimedReceiver.Receipt receipt : receipts.values()) {
      delays[i++] = receipt.receivedMicros() - receipt.endedMicros();
      firstEnd = Math.min(firstEnd, receipt.endedMicros());
    }
    Arrays.sort(delays);
    double span = (receiver.lastMicros() - firstEnd) / 1e6;
    if (receipts.size() < items) {
      System.out.printf(
          "NOT ALL DELIVERED: %,d of %,d within %.0f s%n", receipts.size(), items, afterEnd);
    }
    return new Deliveries(
        receipts.size(),
        receiver.requests(),
        receipts.size() / span,
        percentile(delays, 0.50) / 1000.0,
        percentile(delays, 0.99) / 1000.0,
        delays.length == 0 ? 0 : delays[delays.length - 1] / 1000.0,
        afterEnd);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double mean(List<Result> results, String way) {
    return results.stream()
        .filter(r -> r.way().equals(way))
        .mapToDouble(Result::executeRate)
        .average()
        .orElse(0);
  }

  private static void print(Result r) {
    System.out.printf("%n%s: %,d items%n", r.way(), r.items());
    System.out.printf(
        "execute JobRun        %,10.0f items/s  (completed %,d, failed %,d)%n",
        r.executeRate(), r.counts().completed(), r.counts().failed());
    Deliveries d = r.deliveries();
    if (d != null) {
      System.out.printf(
          "%-7s deliveries    %,10.0f /s  (%,d Runs received, %,d requests; the last %.2f s"
              + " after the JobRun ended)%n",
          r.way(), d.perSecond(), d.distinct(), d.requests(), d.afterEndSeconds());
      System.out.printf(
          "Run end to receipt    p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms%n",
          d.p50Ms(), d.p99Ms(), d.maxMs());
    }
    System.out.printf(
        "CPU, trigger to last  %,10.0f ms per 1,000 items: %s%n",
        perThousand(r, "process"),
        r.cpuMillis().entrySet().stream()
            .filter(e -> !e.getKey().equals("process") && perThousand(r, e.getKey()) >= 0.5)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(e -> e.getKey() + " " + Math.round(perThousand(r, e.getKey())))
            .collect(Collectors.joining(", ")));
  }

  private static double perThousand(Result r, String kind) {
    return r.cpuMillis().getOrDefault(kind, 0.0) * 1000 / r.items();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
