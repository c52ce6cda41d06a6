package io.drover.core.store;

/** Runs of one JobRun by status, derived from the Run rows. */
public record RunCounts(long pending, long running, long completed, long failed, long canceled) {

  public long total() {
    return pending + running + completed + failed + canceled;
  }

  public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0);
}
