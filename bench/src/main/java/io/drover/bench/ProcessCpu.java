package io.drover.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds of this JVM and every process it started, by kind: jvm, driver (Playwright's Node:
 * drivers and shared-browser servers), browser (Chromium's main process), renderer, gpu, utility,
 * zygote, other (ffmpeg, crash handlers). Every process's own CPU time is sampled every 50 ms. What
 * a process spent after its last sample is seen by no kind; this JVM's own time plus what its
 * reaped children used (/proc/self/stat) has it, except for processes init reaped (a zygote that
 * outlived its browser): "unseen" is what that count has beyond the kinds, "total" the larger of
 * the two. Linux only.
 */
final class ProcessCpu extends Thread {
  private static final Path PROC = Path.of("/proc");
  private final Map<Long, String> kinds = new HashMap<>();
  private final Map<Long, Long> ticks = new HashMap<>();
  private final double startTotal = CpuMeter.treeSeconds();
  private final Map<Long, Long> startTicks = new HashMap<>();
  private volatile boolean running = true;

  ProcessCpu() {
    setDaemon(true);
    // What already runs counts from now, not from when it started.
    for (ProcessHandle process : ProcessMemory.processes()) {
      long own = ownTicks(process.pid());
      if (own >= 0) {
        startTicks.put(process.pid(), own);
      }
    }
  }

  @Override
  public void run() {
    while (running) {
      sample();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    for (ProcessHandle process : ProcessMemory.processes()) {
      long pid = process.pid();
      long own = ownTicks(pid);
      if (own < 0) {
        continue;
      }
      // Read again each time: a fork shows its parent's command line until it becomes itself;
      // an ending process shows none, and keeps the kind it had.
      String kind = kind(pid);
      if (kind != null) {
        kinds.put(pid, kind);
      } else {
        kinds.putIfAbsent(pid, "other");
      }
      ticks.merge(pid, own - startTicks.getOrDefault(pid, 0L), Math::max);
    }
  }

  /**
   * Stops sampling; CPU seconds by kind, plus "total" and "unseen". Call when the processes it
   * measures have ended and been reaped, or their last moments count only in the total.
   */
  Map<String, Double> stopAndSeconds() throws InterruptedException {
    running = false;
    interrupt();
    join();
    sample();
    Map<String, Double> seconds = new TreeMap<>();
    double seen = 0;
    synchronized (this) {
      for (Map.Entry<Long, Long> entry : ticks.entrySet()) {
        double value = entry.getValue() / 100.0;
        seconds.merge(kinds.get(entry.getKey()), value, Double::sum);
        seen += value;
      }
    }
    // Reaped time misses what init reaped (a zygote that outlived its browser, crash handlers).
    double reaped = CpuMeter.treeSeconds() - startTotal;
    seconds.put("unseen", Math.max(0, reaped - seen));
    seconds.put("total", Math.max(reaped, seen));
    return seconds;
  }

  /** utime + stime in clock ticks (1/100 s), or -1 if gone. */
  private static long ownTicks(long pid) {
    try {
      String[] fields = CpuMeter.statFields(Long.toString(pid));
      return Long.parseLong(fields[CpuMeter.UTIME]) + Long.parseLong(fields[CpuMeter.UTIME + 1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The kind of process, or null if its command line cannot be read (gone, or a zombie). */
  private static String kind(long pid) {
    if (pid == ProcessHandle.current().pid()) {
      return "jvm";
    }
    String command;
    try {
      command =
          new String(
                  Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline")),
                  StandardCharsets.UTF_8)
              .replace('\0', ' ');
    } catch (IOException e) {
      return null;
    }
    if (command.isBlank()) {
      return null;
    }
    if (command.contains("--type=renderer")) {
      return "renderer";
    } else if (command.contains("--type=gpu-process")) {
      return "gpu";
    } else if (command.contains("--type=utility")) {
      return "utility";
    } else if (command.contains("--type=zygote")) {
      return "zygote";
    } else if (command.contains("crashpad_handler")) {
      return "other";
    } else if (command.contains("chrom")) {
      return "browser";
    } else if (command.contains("node") || command.contains("playwright")) {
      return "driver";
    }
    return "other";
  }
}
