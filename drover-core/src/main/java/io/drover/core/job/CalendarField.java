package io.drover.core.job;

import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.ValueSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The fields of a calendar: bounds, names, the value when omitted, and where they sit in a spec.
 */
enum CalendarField {
  SECOND("second", 0, 59, List.of(), ValueSet.of(0), CalendarSpec::second),
  MINUTE("minute", 0, 59, List.of(), ValueSet.of(0), CalendarSpec::minute),
  HOUR("hour", 0, 23, List.of(), ValueSet.of(0), CalendarSpec::hour),
  DAY_OF_MONTH("dayOfMonth", 1, 31, List.of(), ValueSet.every(), CalendarSpec::dayOfMonth),
  MONTH(
      "month",
      1,
      12,
      List.of(
          "JANUARY",
          "FEBRUARY",
          "MARCH",
          "APRIL",
          "MAY",
          "JUNE",
          "JULY",
          "AUGUST",
          "SEPTEMBER",
          "OCTOBER",
          "NOVEMBER",
          "DECEMBER"),
      ValueSet.every(),
      CalendarSpec::month),
  YEAR("year", 1970, 9999, List.of(), ValueSet.every(), CalendarSpec::year),
  DAY_OF_WEEK(
      "dayOfWeek",
      0,
      6,
      List.of("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"),
      ValueSet.every(),
      CalendarSpec::dayOfWeek);

  final String jsonName;
  final int min;
  final int max;

  /** Names in value order: the first is {@link #min}. */
  private final List<String> names;

  final ValueSet omitted;
  private final Function<CalendarSpec, ValueSet> getter;

  CalendarField(
      String jsonName,
      int min,
      int max,
      List<String> names,
      ValueSet omitted,
      Function<CalendarSpec, ValueSet> getter) {
    this.jsonName = jsonName;
    this.min = min;
    this.max = max;
    this.names = names;
    this.omitted = omitted;
    this.getter = getter;
  }

  ValueSet of(CalendarSpec calendar) {
    return getter.apply(calendar);
  }

  /** The value a name stands for ("MONDAY", "mon" and "Mon" all are 1), or null. */
  Integer named(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals(upper) || name.substring(0, 3).equals(upper)) {
        return min + i;
      }
    }
    return null;
  }

  String expectedValue() {
    String numbers = "an integer from " + min + " to " + max;
    if (names.isEmpty()) {
      return numbers;
    }
    String first = names.get(0);
    return numbers + " or a name such as \"" + first + "\" or \"" + first.substring(0, 3) + "\"";
  }

  String expected() {
    return jsonName
        + ": "
        + expectedValue()
        + ", a range {\"start\", \"end\", \"step\"?}, the wildcard \"*\", or an array of these";
  }
}
