package io.drover.core.store;

import io.drover.core.job.SinkConfig;

/**
 * A delivery claimed for sending: its body (built when the Run ended), where it goes, and the ids
 * an S3 sink names its object by ({@code jobId} and {@code jobRunId} are null for a standalone
 * Run).
 */
public record DueDelivery(
    String id,
    String jobId,
    String jobRunId,
    String runId,
    String apiName,
    String bodyJson,
    int tries,
    SinkConfig sink) {}
