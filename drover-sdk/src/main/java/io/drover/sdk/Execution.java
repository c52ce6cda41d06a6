package io.drover.sdk;

/**
 * The execution context of one attempt. {@code jobId} and {@code jobRunId} are {@code null} in a
 * standalone Run; {@code authSessionId} is {@code null} when the Run uses no AuthSession.
 */
public record Execution(
    String project,
    String jobId,
    String jobRunId,
    String runId,
    String apiName,
    int attempt,
    String authSessionId) {

  public boolean standalone() {
    return jobRunId == null;
  }
}
