package io.drover.core.store;

/**
 * What a Run belongs to: none of it changes after the Run is created. {@code jobRunId} and {@code
 * jobId} are null for a standalone Run.
 */
public record RunKeys(String project, String jobRunId, String jobId) {
  public static RunKeys of(RunRecord run) {
    return new RunKeys(run.project(), run.jobRunId(), run.jobId());
  }
}
