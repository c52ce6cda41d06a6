package io.drover.core.store;

import io.drover.core.state.JobRunStatus;
import io.drover.core.state.Trigger;
import java.time.Instant;

/**
 * One execution of a Job. {@code configJson} is the snapshot of the Job's document (without
 * payload) taken when the JobRun was created; the limits it implies are copied into columns the
 * dispatcher reads.
 */
public record JobRunRecord(
    String id,
    String project,
    String jobId,
    JobRunStatus status,
    Trigger trigger,
    String configJson,
    int maximumConcurrentRequests,
    int maximumAttempts,
    int requestTimeout,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt,
    String reason) {}
