package io.drover.core.store;

/**
 * What {@link Store#fire} did with one {@link ScheduledFire}. {@code jobRun} is set when STARTED,
 * {@code skipped} when a skip was recorded (SKIPPED, or ADVANCED with a missedReason).
 */
public record FireOutcome(Kind kind, JobRunRecord jobRun, SkippedFire skipped) {

  public enum Kind {
    /** nextFireAt advanced and the JobRun started. */
    STARTED,
    /** nextFireAt advanced; the JobRun did not start because one was active (recorded). */
    SKIPPED,
    /** nextFireAt advanced; no JobRun was asked for. */
    ADVANCED,
    /** The Job changed since it was read (or is gone or paused): nothing was done. */
    STALE
  }
}
