package io.drover.core.schedule;

import java.time.DayOfWeek;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cron expressions compiled to the calendar form: 5 fields ({@code minute hour dayOfMonth month
 * dayOfWeek}, second 0) or 6 (second first). Each field takes {@code *} or {@code ?}, values, lists
 * {@code a,b}, ranges {@code a-b} and steps <code>&#42;/n</code>, {@code a-b/n}, {@code a/n};
 * months and days of the week also by name ({@code JAN}, {@code MON}, any case); day of week 7 is
 * Sunday. Macros: {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}.
 *
 * <p>Unlike classic cron, a restricted dayOfMonth and a restricted dayOfWeek must BOTH match (as in
 * every calendar): {@code 0 0 13 * FRI} fires on Friday the 13th only, not on every 13th and every
 * Friday. For "either", write two calendars.
 */
public final class Cron {
  private static final List<CalendarField> FIVE_FIELDS =
      List.of(
          CalendarField.MINUTE,
          CalendarField.HOUR,
          CalendarField.DAY_OF_MONTH,
          CalendarField.MONTH,
          CalendarField.DAY_OF_WEEK);
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private Cron() {}

  /**
   * @throws IllegalArgumentException naming the field and what was expected
   */
  public static CalendarSpec parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("cron expression is empty: expected 5 or 6 fields");
    }
    String text = expression.trim();
    if (text.startsWith("@")) {
      text = MACROS.get(text.toLowerCase(Locale.ROOT));
      if (text == null) {
        throw new IllegalArgumentException(
            "cron macro '" + expression.trim() + "': expected one of " + macroNames());
      }
    }
    String[] parts = text.split("\\s+");
    if (parts.length != 5 && parts.length != 6) {
      throw new IllegalArgumentException(
          "cron expression '"
              + text
              + "' has "
              + parts.length
              + " fields: expected 5 (minute hour dayOfMonth month dayOfWeek) or 6 (second first)");
    }
    List<CalendarField> fields = new ArrayList<>(FIVE_FIELDS);
    if (parts.length == 6) {
      fields.add(0, CalendarField.SECOND);
    }
    Map<CalendarField, ValueSet> sets = new EnumMap<>(CalendarField.class);
    sets.put(CalendarField.SECOND, ValueSet.of(0));
    for (int i = 0; i < parts.length; i++) {
      sets.put(fields.get(i), new CronField(i + 1, fields.get(i)).parse(parts[i]));
    }
    return new CalendarSpec(
        sets.get(CalendarField.SECOND),
        sets.get(CalendarField.MINUTE),
        sets.get(CalendarField.HOUR),
        sets.get(CalendarField.DAY_OF_MONTH),
        sets.get(CalendarField.MONTH),
        ValueSet.every(),
        sets.get(CalendarField.DAY_OF_WEEK),
        null);
  }

  private static String macroNames() {
    return String.join(", ", MACROS.keySet().stream().sorted().toList());
  }

  /** One field of an expression, at its 1-based position, for parsing and error messages. */
  private record CronField(int position, CalendarField field) {

    ValueSet parse(String text) {
      if (text.equals("*") || text.equals("?")) {
        return ValueSet.every();
      }
      List<ValueRange> ranges = new ArrayList<>();
      for (String item : text.split(",", -1)) {
        ranges.addAll(item(item));
      }
      return new ValueSet(ranges);
    }

    private List<ValueRange> item(String item) {
      String span = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        span = item.substring(0, slash);
        step = number(item.substring(slash + 1), item, "a step of 1 or more", 1, Integer.MAX_VALUE);
      }
      int start;
      int end;
      int dash = span.indexOf('-', 1);
      if (span.equals("*") || span.equals("?")) {
        start = field.min();
        end = field.max();
      } else if (dash > 0) {
        start = value(span.substring(0, dash), item);
        end = value(span.substring(dash + 1), item);
        if (field == CalendarField.DAY_OF_WEEK && end == 0 && start > 0) {
          end = 7; // FRI-SUN: a week's end, not a range running backwards
        }
        if (end < start) {
          throw error(item, "a range whose start is not after its end");
        }
      } else {
        start = value(span, item);
        end = slash >= 0 ? field.max() : start;
      }
      return field == CalendarField.DAY_OF_WEEK
          ? sundayAsZero(start, end, step)
          : List.of(new ValueRange(start, end, step));
    }

    // Day of week 7 is another name for Sunday, 0.
    private static List<ValueRange> sundayAsZero(int start, int end, int step) {
      List<ValueRange> ranges = new ArrayList<>();
      if (start <= 6) {
        ranges.add(new ValueRange(start, Math.min(end, 6), step));
      }
      if (end == 7 && (7 - start) % step == 0) {
        ranges.add(ValueRange.single(0));
      }
      return ranges;
    }

    private int value(String text, String item) {
      String name = text.toUpperCase(Locale.ROOT);
      if (field == CalendarField.MONTH) {
        for (Month month : Month.values()) {
          if (isName(name, month.name())) {
            return month.getValue();
          }
        }
      }
      if (field == CalendarField.DAY_OF_WEEK) {
        for (DayOfWeek day : DayOfWeek.values()) {
          if (isName(name, day.name())) {
            return day.getValue() % 7;
          }
        }
      }
      return number(text, item, expectedValues(name), field.min(), maxValue());
    }

    private static boolean isName(String text, String fullName) {
      return text.equals(fullName) || text.equals(fullName.substring(0, 3));
    }

    private int number(String text, String item, String expected, int min, int max) {
      if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
        throw error(item, expected);
      }
      int number = Integer.parseInt(text);
      if (number < min || number > max) {
        throw error(item, expected);
      }
      return number;
    }

    private int maxValue() {
      return field == CalendarField.DAY_OF_WEEK ? 7 : field.max();
    }

    private String expectedValues(String text) {
      String numbers = field.min() + "-" + maxValue();
      String expected =
          switch (field) {
            case MONTH -> numbers + " or JAN-DEC";
            case DAY_OF_WEEK -> numbers + " or SUN-SAT";
            default -> numbers;
          };
      boolean quartzSyntax =
          (field == CalendarField.DAY_OF_MONTH || field == CalendarField.DAY_OF_WEEK)
              && (text.contains("L") || text.contains("W") || text.contains("#"));
      return quartzSyntax ? expected + " ('L', 'W' and '#' are not supported)" : expected;
    }

    private IllegalArgumentException error(String item, String expected) {
      return new IllegalArgumentException(
          "cron field "
              + position
              + " ("
              + field.jsonName()
              + ") '"
              + item
              + "': expected "
              + expected);
    }
  }
}
