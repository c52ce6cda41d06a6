package io.drover.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.Optional;

/**
 * A {@link CalendarSpec} compiled to one bit set per field. The search jumps from one matching
 * year, month, day, hour, minute and second to the next, so finding a fire costs a few dozen steps
 * at most, never a walk second by second; it stops at year {@value #LAST_YEAR}.
 */
final class CalendarRule {
  static final int LAST_YEAR = 9999;
  // Bounds that keep LocalDateTime conversions in range whatever instant a caller passes.
  private static final Instant BEGIN =
      LocalDate.of(0, 1, 1).atStartOfDay().toInstant(ZoneOffset.MAX);
  private static final Instant END =
      LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.MIN);

  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet years;
  private final BitSet daysOfWeek;
  private final boolean never;

  CalendarRule(CalendarSpec spec) {
    seconds = CalendarField.SECOND.bits(spec.second());
    minutes = CalendarField.MINUTE.bits(spec.minute());
    hours = CalendarField.HOUR.bits(spec.hour());
    daysOfMonth = CalendarField.DAY_OF_MONTH.bits(spec.dayOfMonth());
    months = CalendarField.MONTH.bits(spec.month());
    years = CalendarField.YEAR.bits(spec.year());
    daysOfWeek = CalendarField.DAY_OF_WEEK.bits(spec.dayOfWeek());
    never =
        seconds.isEmpty()
            || minutes.isEmpty()
            || hours.isEmpty()
            || daysOfMonth.isEmpty()
            || months.isEmpty()
            || years.isEmpty()
            || daysOfWeek.isEmpty();
  }

  /**
   * The first fire strictly after {@code after}, reading local time in {@code zone}. A local time
   * inside a DST gap does not exist and is skipped; one inside a DST overlap fires once, at its
   * earlier instant.
   */
  Optional<Instant> nextAfter(Instant after, ZoneId zone) {
    if (never || !after.isBefore(END)) {
      return Optional.empty();
    }
    Instant start =
        after.isBefore(BEGIN) ? BEGIN : after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    ZoneRules rules = zone.getRules();
    LocalDateTime from = LocalDateTime.ofInstant(start, zone);
    ZoneOffsetTransition overlap = rules.getTransition(from);
    if (overlap != null
        && overlap.isOverlap()
        && rules.getOffset(start).equals(overlap.getOffsetAfter())) {
      // The clock is repeating local times that already fired on their first pass.
      from = overlap.getDateTimeBefore();
    }
    while (true) {
      Optional<LocalDateTime> candidate = firstLocalAtOrAfter(from);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime local = candidate.get();
      ZoneOffsetTransition transition = rules.getTransition(local);
      if (transition != null && transition.isGap()) {
        from = transition.getDateTimeAfter();
        continue;
      }
      // In an overlap the first valid offset is the earlier instant.
      return Optional.of(local.toInstant(rules.getValidOffsets(local).get(0)));
    }
  }

  /** The first matching local date-time at or after {@code from} (whole seconds). */
  Optional<LocalDateTime> firstLocalAtOrAfter(LocalDateTime from) {
    if (never) {
      return Optional.empty();
    }
    LocalDate fromDate = from.toLocalDate();
    LocalDate day = fromDate;
    while (true) {
      Optional<LocalDate> date = firstDate(day);
      if (date.isEmpty()) {
        return Optional.empty();
      }
      LocalTime earliest = date.get().equals(fromDate) ? from.toLocalTime() : LocalTime.MIDNIGHT;
      Optional<LocalTime> time = firstTime(earliest);
      if (time.isPresent()) {
        return Optional.of(date.get().atTime(time.get()));
      }
      day = date.get().plusDays(1);
    }
  }

  /** The first date on or after {@code from} whose day, month, year and weekday all match. */
  Optional<LocalDate> firstDate(LocalDate from) {
    for (int year = years.nextSetBit(Math.max(from.getYear(), 0));
        year >= 0;
        year = years.nextSetBit(year + 1)) {
      boolean fromYear = year == from.getYear();
      for (int month = months.nextSetBit(fromYear ? from.getMonthValue() : 1);
          month >= 0;
          month = months.nextSetBit(month + 1)) {
        boolean fromMonth = fromYear && month == from.getMonthValue();
        int length = YearMonth.of(year, month).lengthOfMonth();
        for (int day = daysOfMonth.nextSetBit(fromMonth ? from.getDayOfMonth() : 1);
            day >= 0 && day <= length;
            day = daysOfMonth.nextSetBit(day + 1)) {
          LocalDate date = LocalDate.of(year, month, day);
          if (daysOfWeek.get(date.getDayOfWeek().getValue() % 7)) {
            return Optional.of(date);
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<LocalTime> firstTime(LocalTime from) {
    for (int hour = hours.nextSetBit(from.getHour());
        hour >= 0;
        hour = hours.nextSetBit(hour + 1)) {
      boolean fromHour = hour == from.getHour();
      for (int minute = minutes.nextSetBit(fromHour ? from.getMinute() : 0);
          minute >= 0;
          minute = minutes.nextSetBit(minute + 1)) {
        boolean fromMinute = fromHour && minute == from.getMinute();
        int second = seconds.nextSetBit(fromMinute ? from.getSecond() : 0);
        if (second >= 0) {
          return Optional.of(LocalTime.of(hour, minute, second));
        }
      }
    }
    return Optional.empty();
  }
}
