package io.drover.core.store;

import java.time.Instant;

/**
 * One due fire of a Job's schedule, as the scheduler decided it from the Job it read ({@code
 * version}, {@code expectedNextFireAt}). {@link Store#fire} applies it only if the Job still has
 * that version, that nextFireAt and is ACTIVE, so a fire happens once however many schedulers race
 * for it.
 *
 * @param nextFireAt the nextFireAt to store ({@code null}: the schedule never fires again)
 * @param nominalAt the schedule's time of the fire honoured or skipped
 * @param jobRun the SCHEDULED JobRun to start, or {@code null} to start none
 * @param missedReason when not {@code null}, recorded as a skipped fire at {@code nominalAt}
 * @param now the time of the decision, recorded with skips
 */
public record ScheduledFire(
    String project,
    String jobId,
    long version,
    Instant expectedNextFireAt,
    Instant nextFireAt,
    Instant nominalAt,
    Store.NewJobRun jobRun,
    String missedReason,
    Instant now) {}
