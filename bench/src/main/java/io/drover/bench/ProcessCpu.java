package io.drover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) used so far by this JVM and every process under it: each live process's
 * own time plus that of the children it has reaped. Differences between two readings taken while
 * the browsers are up count the work done in between, whatever else runs on the machine, which
 * makes this steadier than a rate on a shared machine.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private ProcessCpu() {}

  static double seconds() {
    long ticks = ticks(ProcessHandle.current().pid());
    for (ProcessHandle process : ProcessHandle.current().descendants().toList()) {
      ticks += ticks(process.pid());
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** utime + stime + cutime + cstime of one process, 0 if it is gone. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may hold spaces: state is the first of them.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11])
          + Long.parseLong(fields[12])
          + Long.parseLong(fields[13])
          + Long.parseLong(fields[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
