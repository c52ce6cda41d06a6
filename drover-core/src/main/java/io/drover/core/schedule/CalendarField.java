package io.drover.core.schedule;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.BitSet;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fields of a {@link CalendarSpec}, with the values each can take. */
public enum CalendarField {
  SECOND("second", 0, 59),
  MINUTE("minute", 0, 59),
  HOUR("hour", 0, 23),
  DAY_OF_MONTH("dayOfMonth", 1, 31),
  MONTH("month", 1, 12),
  YEAR("year", 1, 9999),
  DAY_OF_WEEK("dayOfWeek", 0, 6);

  private final String jsonName;
  private final int min;
  private final int max;

  CalendarField(String jsonName, int min, int max) {
    this.jsonName = jsonName;
    this.min = min;
    this.max = max;
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
