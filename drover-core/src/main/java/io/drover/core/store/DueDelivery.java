package io.drover.core.store;

import io.drover.core.job.SinkConfig;
import java.time.Instant;

/**
 * A delivery claimed for sending: its body (built when the Run ended) and where it goes; {@code
 * createdAt} is when the Run ended (the delivery is written with its outcome).
 */
public record DueDelivery(
    String id,
    String jobRunId,
    String bodyJson,
    int tries,
    SinkConfig sink,
    String project,
    Instant createdAt) {}
