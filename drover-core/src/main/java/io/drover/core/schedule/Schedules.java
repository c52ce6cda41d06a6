package io.drover.core.schedule;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Checks on schedules that need evaluation, not just parsing. */
public final class Schedules {
  private static final CalendarField[] FIELDS = CalendarField.values();

  private Schedules() {}

  /**
   * Why a calendar can never fire (e.g. "February 30 does not exist"), or empty if it can. A
   * calendar whose years have all passed is not impossible: it simply has no next fire.
   */
  public static Optional<String> impossibility(CalendarSpec calendar) {
    for (CalendarField field : FIELDS) {
      if (field.bits(calendar.field(field)).isEmpty()) {
        return Optional.of(
            field.jsonName() + " has no value in " + field.min() + "-" + field.max());
      }
    }
    BitSet days = CalendarField.DAY_OF_MONTH.bits(calendar.dayOfMonth());
    BitSet months = CalendarField.MONTH.bits(calendar.month());
    List<int[]> monthDays = existingMonthDays(months, days);
    if (monthDays.isEmpty()) {
      return Optional.of(missingDays(months, days));
    }
    BitSet years = CalendarField.YEAR.bits(calendar.year());
    boolean onlyFebruary29 =
        monthDays.size() == 1 && monthDays.get(0)[0] == 2 && monthDays.get(0)[1] == 29;
    if (onlyFebruary29 && years.stream().noneMatch(Year::isLeap)) {
      return Optional.of(
          "February 29 does not exist in "
              + (years.cardinality() == 1 ? "year " : "years ")
              + CalendarField.YEAR.describe(calendar.year())
              + " (no leap year)");
    }
    // The Gregorian calendar repeats every 400 years, weekdays included, so a possible date shows
    // up early; only an impossible one walks all years (field by field: milliseconds).
    if (new CalendarRule(calendar).firstDate(LocalDate.of(1, 1, 1)).isEmpty()) {
      return Optional.of(
          "no date has dayOfMonth "
              + CalendarField.DAY_OF_MONTH.describe(calendar.dayOfMonth())
              + ", month "
              + CalendarField.MONTH.describe(calendar.month())
              + ", year "
              + CalendarField.YEAR.describe(calendar.year())
              + " and dayOfWeek "
              + CalendarField.DAY_OF_WEEK.describe(calendar.dayOfWeek()));
    }
    return Optional.empty();
  }

  private static List<int[]> existingMonthDays(BitSet months, BitSet days) {
    List<int[]> pairs = new ArrayList<>();
    months.stream()
        .forEach(
            month ->
                days.stream()
                    .filter(day -> day <= Month.of(month).maxLength())
                    .forEach(day -> pairs.add(new int[] {month, day})));
    return pairs;
  }

  private static String missingDays(BitSet months, BitSet days) {
    String dayList = join(days.stream().mapToObj(Integer::toString).toList(), "and");
    boolean plural = days.cardinality() > 1;
    if (months.cardinality() == 1) {
      return CalendarField.MONTH.label(months.nextSetBit(0))
          + " "
          + dayList
          + (plural ? " do not exist" : " does not exist");
    }
    List<String> monthNames = months.stream().mapToObj(CalendarField.MONTH::label).toList();
    return (plural ? "days " : "day ")
        + dayList
        + (plural ? " do not exist in " : " does not exist in ")
        + join(monthNames, "or");
  }

  private static String join(List<String> words, String conjunction) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " "
        + conjunction
        + " "
        + words.get(words.size() - 1);
  }
}
