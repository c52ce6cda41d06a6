package io.drover.core.schedule;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields of a {@link CalendarSpec}: their JSON names, bounds, names (months, days of the week),
 * the value when a calendar omits them, and where they sit in a spec. Years start at 1970: fire
 * times are instants, which a Job cannot have before the epoch.
 */
public enum CalendarField {
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

  private final String jsonName;
  private final int min;
  private final int max;

  /** Names in value order: the first is {@link #min}. */
  private final List<String> names;

  private final ValueSet omitted;
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

  /** The field's set in a calendar. */
  public ValueSet of(CalendarSpec calendar) {
    return getter.apply(calendar);
  }

  /** What a calendar that leaves the field out means: 0 for second/minute/hour, else every. */
  public ValueSet omitted() {
    return omitted;
  }

  /** The value a name stands for ("MONDAY", "mon" and "Mon" all are 1), or null. */
  public Integer named(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals(upper) || name.substring(0, 3).equals(upper)) {
        return min + i;
      }
    }
    return null;
  }

  /** What a single value of the field may be, for error messages. */
  public String expectedValue() {
    String numbers = "an integer from " + min + " to " + max;
    if (names.isEmpty()) {
      return numbers;
    }
    String first = names.get(0);
    return numbers + " or a name such as \"" + first + "\" or \"" + first.substring(0, 3) + "\"";
  }

  /** What the field may be, for error messages. */
  public String expected() {
    return jsonName
        + ": "
        + expectedValue()
        + ", a range {\"start\", \"end\", \"step\"?}, the wildcard \"*\", or an array of these";
  }

  /** The field's name in a Job's JSON, e.g. {@code dayOfMonth}. */
  public String jsonName() {
    return jsonName;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** The values of {@code set} that lie within this field's bounds. */
  BitSet bits(ValueSet set) {
    BitSet bits = new BitSet(max + 1);
    if (set.isEvery()) {
      bits.set(min, max + 1);
      return bits;
    }
    for (ValueRange range : set.ranges()) {
      long first = range.start();
      if (first < min) {
        long stepsToMin = (min - first + range.step() - 1) / range.step();
        first += stepsToMin * range.step();
      }
      for (long value = first; value <= Math.min(range.end(), max); value += range.step()) {
        bits.set((int) value);
      }
    }
    return bits;
  }

  /** A value as a user reads it: months and days of the week by name. */
  String label(int value) {
    if (this == MONTH && value >= 1 && value <= 12) {
      return Month.of(value).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
    if (this == DAY_OF_WEEK && value >= 0 && value <= 7) {
      return DayOfWeek.of(value == 0 ? 7 : value).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
    return Integer.toString(value);
  }

  /** A set as a user reads it, e.g. {@code "Monday-Friday, Sunday"} or {@code "0-59/15"}. */
  String describe(ValueSet set) {
    if (set.isEvery()) {
      return "*";
    }
    return set.ranges().stream().map(this::describe).collect(Collectors.joining(", "));
  }

  private String describe(ValueRange range) {
    if (range.start() == range.end()) {
      return label(range.start());
    }
    String span = label(range.start()) + "-" + label(range.end());
    return range.step() == 1 ? span : span + "/" + range.step();
  }
}
