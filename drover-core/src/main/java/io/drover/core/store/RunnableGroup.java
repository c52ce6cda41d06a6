package io.drover.core.store;

/**
 * A source of claimable work for the dispatcher: a RUNNING JobRun with due PENDING Runs, or the
 * standalone Runs ({@code jobRunId == null}, no cap of their own). {@code running} is how many of
 * its Runs are RUNNING now.
 */
public record RunnableGroup(String jobRunId, int maximumConcurrentRequests, int running) {

  public boolean standalone() {
    return jobRunId == null;
  }
}
