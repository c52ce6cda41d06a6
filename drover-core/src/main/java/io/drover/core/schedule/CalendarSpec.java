package io.drover.core.schedule;

/**
 * A calendar rule: the schedule fires at every local date-time whose fields are all in their sets.
 * {@code month} is 1-12, {@code dayOfWeek} 0-6 with 0 = Sunday. A {@code "cron"} string compiles to
 * this same form.
 *
 * <p>When both {@code dayOfMonth} and {@code dayOfWeek} are restricted, a day must match BOTH
 * (unlike classic cron, which fires on either): {@code dayOfMonth 13, dayOfWeek 5} is Friday the
 * 13th only. Local times are read in the schedule's time zone: one skipped by a DST gap does not
 * fire, one repeated by a DST overlap fires once, at its first (earlier) occurrence.
 */
public record CalendarSpec(
    ValueSet second,
    ValueSet minute,
    ValueSet hour,
    ValueSet dayOfMonth,
    ValueSet month,
    ValueSet year,
    ValueSet dayOfWeek,
    String comment) {

  /** The values allowed for {@code field}. */
  public ValueSet field(CalendarField field) {
    return switch (field) {
      case SECOND -> second;
      case MINUTE -> minute;
      case HOUR -> hour;
      case DAY_OF_MONTH -> dayOfMonth;
      case MONTH -> month;
      case YEAR -> year;
      case DAY_OF_WEEK -> dayOfWeek;
    };
  }
}
