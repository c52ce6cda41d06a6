package io.drover.core.store;

import io.drover.core.job.SinkConfig;
import java.time.Instant;

/**
 * A delivery claimed for sending: its body (built when the Run ended), where it goes, the ids an S3
 * sink names its object by ({@code jobId} and {@code jobRunId} are null for a standalone Run), and
 * {@code createdAt}, when the Run ended (the delivery is written with its outcome).
 */
public record DueDelivery(
    String id,
    String jobId,
    String jobRunId,
    String runId,
    String apiName,
    String bodyJson,
    int tries,
    SinkConfig sink,
    String project,
    Instant createdAt) {}
