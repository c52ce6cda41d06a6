package io.drover.bench;

import io.drover.core.browser.BrowserProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the memory of this JVM and every process it started (drivers, Chromium, ffmpeg, and the
 * crash handlers init adopted) as the sum of their PSS: shared pages are split between the
 * processes that share them, so the sum is not inflated the way an RSS sum is.
 */
final class ProcessMemory extends Thread {
  private final AtomicLong peakKb = new AtomicLong();
  private volatile boolean running = true;

  ProcessMemory() {
    setDaemon(true);
  }

  @Override
  public void run() {
    while (running) {
      peakKb.accumulateAndGet(totalKb(), Math::max);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  static long totalKb() {
    long total = 0;
    for (ProcessHandle process : processes()) {
      total += pssKb(process.pid());
    }
    return total;
  }

  private static long pssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or not readable
    }
    return 0;
  }

  /** Stops sampling; returns the peak in MB. */
  double stopAndPeakMb() {
    running = false;
    return peakKb.get() / 1024.0;
  }

  /**
   * This JVM, every process under it, and the marked browser processes init adopted (crash
   * handlers).
   */
  static Set<ProcessHandle> processes() {
    Set<ProcessHandle> processes = new LinkedHashSet<>();
    processes.add(ProcessHandle.current());
    ProcessHandle.current().descendants().forEach(processes::add);
    String mine = ProcessHandle.current().pid() + "-";
    BrowserProcesses.find(m -> m.startsWith(mine)).forEach(p -> processes.add(p.handle()));
    return processes;
  }
}
