package io.drover.core.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Test shorthand for calendars and schedules, with the JSON defaults (time fields 0). */
final class Calendars {
  private ValueSet second = ValueSet.of(0);
  private ValueSet minute = ValueSet.of(0);
  private ValueSet hour = ValueSet.of(0);
  private ValueSet dayOfMonth = ValueSet.every();
  private ValueSet month = ValueSet.every();
  private ValueSet year = ValueSet.every();
  private ValueSet dayOfWeek = ValueSet.every();

  static Calendars calendar() {
    return new Calendars();
  }

  static ValueSet range(int start, int end) {
    return range(start, end, 1);
  }

  static ValueSet range(int start, int end, int step) {
    return new ValueSet(List.of(new ValueRange(start, end, step)));
  }

  static ValueSet union(ValueSet... sets) {
    return new ValueSet(Arrays.stream(sets).flatMap(set -> set.ranges().stream()).toList());
  }

  static Schedule schedule(ZoneId zone, CalendarSpec... calendars) {
    return new Schedule(List.of(), List.of(calendars), Duration.ZERO, zone, null);
  }

  static Schedule schedule(CalendarSpec... calendars) {
    return schedule(ZoneId.of("UTC"), calendars);
  }

  Calendars second(ValueSet values) {
    second = values;
    return this;
  }

  Calendars second(int... values) {
    return second(ValueSet.of(values));
  }

  Calendars minute(ValueSet values) {
    minute = values;
    return this;
  }

  Calendars minute(int... values) {
    return minute(ValueSet.of(values));
  }

  Calendars hour(ValueSet values) {
    hour = values;
    return this;
  }

  Calendars hour(int... values) {
    return hour(ValueSet.of(values));
  }

  Calendars dayOfMonth(ValueSet values) {
    dayOfMonth = values;
    return this;
  }

  Calendars dayOfMonth(int... values) {
    return dayOfMonth(ValueSet.of(values));
  }

  Calendars month(ValueSet values) {
    month = values;
    return this;
  }

  Calendars month(int... values) {
    return month(ValueSet.of(values));
  }

  Calendars year(ValueSet values) {
    year = values;
    return this;
  }

  Calendars year(int... values) {
    return year(ValueSet.of(values));
  }

  Calendars dayOfWeek(ValueSet values) {
    dayOfWeek = values;
    return this;
  }

  Calendars dayOfWeek(int... values) {
    return dayOfWeek(ValueSet.of(values));
  }

  CalendarSpec build() {
    return new CalendarSpec(second, minute, hour, dayOfMonth, month, year, dayOfWeek, null);
  }
}
