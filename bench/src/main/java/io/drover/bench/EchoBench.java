package io.drover.bench;

import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunCounts;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.examples.DemoProject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JobRun of N {@code echo} items (no browser) on the embedded SQLite store: items/second for
 * saving the Job (streamed document), for creating the JobRun, and for executing it, and the peak
 * heap used meanwhile (run it with a small -Xmx, e.g. BENCH_HEAP=96m bench/run echo, to see that
 * the heap needed does not grow with the payload). Usage: {@code EchoBench [items] [slots]}.
 */
public final class EchoBench {
  private EchoBench() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Path dataDir = Files.createTempDirectory("drover-bench");
    HeapSampler heap = new HeapSampler();
    heap.start();
    ProjectRegistry projects = new ProjectRegistry().register(new DemoProject());
    Clock clock = Clock.system();
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      EngineSettings settings = EngineSettings.defaults().withSlots(slots);
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(projects)
              .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
              .clock(clock)
              .settings(settings)
              .build();
      Jobs jobs = engine.jobs();
      engine.start();

      long t0 = System.nanoTime();
      jobs.create("demo", new GeneratedJob(items, slots));
      long t1 = System.nanoTime();
      JobRunRecord jobRun = jobs.trigger("demo", "bench", Trigger.MANUAL);
      long t2 = System.nanoTime();
      RunCounts counts;
      do {
        Thread.sleep(20);
        counts = store.countRuns(jobRun.id());
      } while (counts.pending() + counts.running() > 0);
      long t3 = System.nanoTime();
      engine.close();
      heap.stopSampling();

      System.out.printf(
          "items                 %,d (slots %d, concurrency %d)%n", items, slots, slots);
      System.out.printf(
          "save Job (streamed)   %8.0f ms  %,10.0f items/s%n", ms(t0, t1), items / sec(t0, t1));
      System.out.printf(
          "create JobRun         %8.0f ms  %,10.0f items/s%n", ms(t1, t2), items / sec(t1, t2));
      System.out.printf(
          "execute JobRun        %8.0f ms  %,10.0f items/s  (completed %,d, failed %,d)%n",
          ms(t2, t3), items / sec(t2, t3), counts.completed(), counts.failed());
      System.out.printf(
          "peak heap used        %8.1f MB (max heap %.0f MB)%n",
          heap.peak() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    } finally {
      deleteTree(dataDir);
    }
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }

  private static double sec(long from, long to) {
    return (to - from) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A Job document produced on the fly, so the benchmark itself never holds the payload. */
  static final class GeneratedJob extends InputStream {
    private final int items;
    private final int concurrency;
    private int next = 0;
    private byte[] chunk;
    private int pos;

    GeneratedJob(int items, int concurrency) {
      this.items = items;
      this.concurrency = concurrency;
      this.chunk =
          ("{\"id\":\"bench\",\"configuration\":{\"maximumConcurrentRequests\":"
                  + concurrency
                  + ",\"maximumAttempts\":3,\"requestTimeout\":60},\"payload\":[")
              .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
      if (pos == chunk.length && !refill()) {
        return -1;
      }
      return chunk[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == chunk.length && !refill()) {
        return -1;
      }
      int n = Math.min(len, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, n);
      pos += n;
      return n;
    }

    private boolean refill() {
      if (next > items) {
        return false;
      }
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 1000 && next < items; i++, next++) {
        text.append(next == 0 ? "" : ",")
            .append("{\"apiName\":\"echo\",\"parameters\":{\"item\":")
            .append(next)
            .append("}}");
      }
      if (next == items) {
        text.append("]}");
        next++;
      }
      chunk = text.toString().getBytes(StandardCharsets.UTF_8);
      pos = 0;
      return true;
    }
  }

  /** Samples the heap used every 50 ms and keeps the highest value. */
  static final class HeapSampler extends Thread {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            used += pool.getUsage().getUsed();
          }
        }
        peak.accumulateAndGet(used, Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopSampling() {
      running = false;
    }

    long peak() {
      return peak.get();
    }
  }
}
