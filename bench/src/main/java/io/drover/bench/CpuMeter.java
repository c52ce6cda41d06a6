package io.drover.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM between two points, in total and by kind of thread (the name without its
 * number: drover-worker, drover-dispatcher, ...). A thread that ended in between is missed by the
 * per-kind split, not by the total.
 */
final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final long processStart = processCpuNanos();
  private final Map<Long, Long> threadStart = threadCpu();

  /** CPU milliseconds by thread kind since this meter was made, plus "process" for the total. */
  Map<String, Double> millis() {
    Map<String, Double> byKind = new TreeMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null) {
        names.put(info.getThreadId(), info.getThreadName().replaceAll("-\\d+$", ""));
      }
    }
    threadCpu()
        .forEach(
            (id, nanos) ->
                byKind.merge(
                    names.getOrDefault(id, "?"),
                    (nanos - threadStart.getOrDefault(id, 0L)) / 1e6,
                    Double::sum));
    byKind.put("process", (processCpuNanos() - processStart) / 1e6);
    return byKind;
  }

  private static Map<Long, Long> threadCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long nanos = THREADS.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU seconds of this JVM and of every child process it has reaped, with theirs (Linux: utime,
   * stime, cutime and cstime of /proc/self/stat): a browser's time counts once its driver ended.
   */
  static double treeSeconds() {
    try {
      String[] fields = statFields("self");
      long ticks = 0;
      for (int field = UTIME; field < UTIME + 4; field++) { // utime stime cutime cstime
        ticks += Long.parseLong(fields[field]);
      }
      return ticks / 100.0;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** Where utime is in {@link #statFields} (field 14 of proc(5)); stime, cutime, cstime follow. */
  static final int UTIME = 11;

  /** The fields of /proc/PID/stat after the command name: [0] is the state (field 3 of proc(5)). */
  static String[] statFields(String pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
