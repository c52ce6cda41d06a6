package io.drover.core.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * When a Job fires: whenever any interval or calendar matches, delayed by a random jitter of up to
 * {@code jitter}, calendars read in {@code timezone}. After downtime, one catch-up fire happens
 * only if the latest missed fire is within {@code catchupWindow}. Missing (null) parts take their
 * defaults: no intervals or calendars, no jitter, UTC, {@link #DEFAULT_CATCHUP_WINDOW}.
 *
 * @see FireTimes for the fire times themselves
 */
public record Schedule(
    List<IntervalSpec> intervals,
    List<CalendarSpec> calendars,
    Duration jitter,
    ZoneId timezone,
    Duration catchupWindow) {

  public static final Duration DEFAULT_CATCHUP_WINDOW = Duration.ofMinutes(1);

  public Schedule {
    intervals = intervals == null ? List.of() : List.copyOf(intervals);
    calendars = calendars == null ? List.of() : List.copyOf(calendars);
    jitter = jitter == null ? Duration.ZERO : jitter;
    timezone = timezone == null ? ZoneOffset.UTC : timezone;
    catchupWindow = catchupWindow == null ? DEFAULT_CATCHUP_WINDOW : catchupWindow;
  }
}
