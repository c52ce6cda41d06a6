package io.drover.core.store;

import io.drover.core.state.RunStatus;
import java.time.Instant;

/**
 * One Run. {@code jobRunId} and {@code jobId} are {@code null} for a standalone Run. {@code
 * attemptCount} counts every attempt started; {@code attemptsUsed} only those that count towards
 * {@code maximumAttempts} (canceled-by-pause and abandoned attempts do not). {@code requestTimeout}
 * is in seconds.
 */
public record RunRecord(
    String id,
    String project,
    String jobRunId,
    String jobId,
    long seq,
    String apiName,
    String parametersJson,
    RunStatus status,
    int maximumAttempts,
    int requestTimeout,
    int attemptCount,
    int attemptsUsed,
    Instant dueAt,
    String resultJson,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt) {}
