package io.drover.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
}
