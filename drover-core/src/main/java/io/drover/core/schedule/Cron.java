package io.drover.core.schedule;

/** Cron expressions (5 fields, or 6 with seconds first) compiled to the calendar form. */
public final class Cron {
  private Cron() {}

  /**
   * @throws IllegalArgumentException naming the field and what was expected
   */
  public static CalendarSpec parse(String expression) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
