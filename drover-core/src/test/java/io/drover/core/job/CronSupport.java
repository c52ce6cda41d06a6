package io.drover.core.job;

import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.Cron;
import io.drover.core.schedule.Schedules;
import io.drover.core.schedule.ValueSet;

/**
 * Whether the schedule package's cron parser and calendar checks are implemented yet; they are
 * written in parallel, and tests that need them are skipped until they land.
 */
final class CronSupport {
  private CronSupport() {}

  static boolean available() {
    try {
      Cron.parse("0 0 1 * *");
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  static boolean impossibilityChecked() {
    CalendarSpec february30 =
        new CalendarSpec(
            ValueSet.of(0),
            ValueSet.of(0),
            ValueSet.of(0),
            ValueSet.of(30),
            ValueSet.of(2),
            ValueSet.every(),
            ValueSet.every(),
            null);
    return Schedules.impossibility(february30).isPresent();
  }
}
