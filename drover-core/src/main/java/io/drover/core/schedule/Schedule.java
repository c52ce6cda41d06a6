package io.drover.core.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * When a Job fires: whenever any interval or calendar matches, delayed by a random jitter of up to
 * {@code jitter}, calendars read in {@code timezone}. After downtime, one catch-up fire happens
 * only if the latest missed fire is within {@code catchupWindow}.
 */
public record Schedule(
    List<IntervalSpec> intervals,
    List<CalendarSpec> calendars,
    Duration jitter,
    ZoneId timezone,
    Duration catchupWindow) {

  public static final Duration DEFAULT_CATCHUP_WINDOW = Duration.ofMinutes(1);

  public Schedule {
    intervals = List.copyOf(intervals);
    calendars = List.copyOf(calendars);
  }
}
