package io.drover.core.store;

import java.time.Instant;

/**
 * A fire of a Job's schedule that started no JobRun, and why: a JobRun of the Job was still active,
 * or fires were missed while the server was down and lie outside the catch-up window.
 *
 * @param nominalAt the schedule's time of the fire (for missed fires: the latest of them)
 * @param recordedAt when the scheduler decided to skip it
 */
public record SkippedFire(
    String project, String jobId, Instant nominalAt, Instant recordedAt, String reason) {}
