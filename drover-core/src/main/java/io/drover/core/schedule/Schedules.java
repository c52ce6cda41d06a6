package io.drover.core.schedule;

import java.util.Optional;

/** Checks on schedules that need evaluation, not just parsing. */
public final class Schedules {
  private Schedules() {}

  /**
   * Why a calendar can never fire (e.g. "February 30 does not exist"), or empty if it can. A
   * calendar whose years have all passed is not impossible: it simply has no next fire.
   */
  public static Optional<String> impossibility(CalendarSpec calendar) {
    return Optional.empty();
  }
}
