package io.drover.core.store;

import io.drover.core.state.JobStatus;
import java.time.Instant;

/**
 * A saved Job. {@code configJson} is the Job document without its payload (the payload is stored as
 * rows under {@code payloadId} and streamed, never held whole); {@code version} increases on every
 * replace.
 */
public record JobRecord(
    String project,
    String id,
    JobStatus status,
    String configJson,
    String payloadId,
    long payloadSize,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant nextFireAt) {}
