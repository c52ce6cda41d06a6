package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.core.schedule.CalendarField;
import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.Cron;
import io.drover.core.schedule.Schedules;
import io.drover.core.schedule.ValueRange;
import io.drover.core.schedule.ValueSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads one calendar: the object form with field value sets, or {@code {"cron", "comment"?}}. */
final class CalendarReader {
  private static final String FORMS =
      "{\"second\", \"minute\", \"hour\", \"dayOfMonth\", \"month\", \"year\", \"dayOfWeek\","
          + " \"comment\"} or {\"cron\", \"comment\"?}";
  static final String EXPECTED = "a calendar object " + FORMS;
  static final String EXPECTED_ARRAY = "an array of calendar objects " + FORMS;
  private static final List<String> FIELDS =
      Stream.concat(Stream.of(CalendarField.values()).map(f -> f.jsonName()), Stream.of("comment"))
          .toList();
  private static final List<String> CRON_FIELDS = List.of("cron", "comment");
  private static final String STAR = "*";

  private CalendarReader() {}

  /** The calendar, or null when it has problems (recorded). */
  static CalendarSpec read(JsonNode value, String path, Problems problems) {
    long before = problems.total();
    Section calendar = Section.of(value, path, EXPECTED, problems);
    if (calendar == null) {
      return null;
    }
    CalendarSpec spec = calendar.node().has("cron") ? fromCron(calendar) : fromFields(calendar);
    return problems.total() == before ? possible(spec, value, path, problems) : null;
  }

  /** A cron expression at path as a calendar, or null when it is not one (recorded). */
  static CalendarSpec cron(JsonNode value, String path, Problems problems) {
    return possible(parseCron(value, path, problems), value, path, problems);
  }

  private static CalendarSpec possible(
      CalendarSpec spec, JsonNode value, String path, Problems problems) {
    Optional<String> impossible = spec == null ? Optional.empty() : Schedules.impossibility(spec);
    if (impossible.isPresent()) {
      problems.add(path, Values.show(value), "a calendar that can fire, but " + impossible.get());
      return null;
    }
    return spec;
  }

  private static CalendarSpec parseCron(JsonNode value, String path, Problems problems) {
    String expression =
        Values.text(value, path, "a cron expression with 5 or 6 fields", false, problems);
    if (expression == null) {
      return null;
    }
    try {
      return Cron.parse(expression);
    } catch (IllegalArgumentException e) {
      problems.add(
          path, Values.show(value), "a cron expression with 5 or 6 fields: " + e.getMessage());
    } catch (UnsupportedOperationException e) {
      problems.add(
          path, Values.show(value), "a calendar object (cron expressions are not supported yet)");
    }
    return null;
  }

  private static CalendarSpec fromCron(Section calendar) {
    calendar.allowOnly(CRON_FIELDS);
    String comment = calendar.text("comment", "a string");
    JsonNode expression = calendar.required("cron", "a cron expression with 5 or 6 fields");
    CalendarSpec spec =
        expression == null
            ? null
            : parseCron(expression, calendar.path("cron"), calendar.problems());
    if (spec == null) {
      return null;
    }
    return new CalendarSpec(
        spec.second(),
        spec.minute(),
        spec.hour(),
        spec.dayOfMonth(),
        spec.month(),
        spec.year(),
        spec.dayOfWeek(),
        comment);
  }

  private static CalendarSpec fromFields(Section calendar) {
    calendar.allowOnly(FIELDS);
    Map<CalendarField, ValueSet> sets = new EnumMap<>(CalendarField.class);
    for (CalendarField field : CalendarField.values()) {
      JsonNode value = calendar.get(field.jsonName());
      String path = calendar.path(field.jsonName());
      sets.put(
          field,
          value == null ? field.omitted() : valueSet(field, value, path, calendar.problems()));
    }
    String comment = calendar.text("comment", "a string");
    if (sets.containsValue(null)) {
      return null;
    }
    return new CalendarSpec(
        sets.get(CalendarField.SECOND),
        sets.get(CalendarField.MINUTE),
        sets.get(CalendarField.HOUR),
        sets.get(CalendarField.DAY_OF_MONTH),
        sets.get(CalendarField.MONTH),
        sets.get(CalendarField.YEAR),
        sets.get(CalendarField.DAY_OF_WEEK),
        comment);
  }

  private static ValueSet valueSet(
      CalendarField field, JsonNode value, String path, Problems problems) {
    if (!value.isArray()) {
      return isStar(value) ? ValueSet.every() : set(range(field, value, path, problems));
    }
    if (value.isEmpty()) {
      problems.add(
          path, Values.show(value), "a non-empty array of " + field.jsonName() + " values");
      return null;
    }
    List<ValueRange> ranges = new ArrayList<>();
    boolean every = false;
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (isStar(element)) {
        every = true;
      } else {
        ranges.add(range(field, element, Values.index(path, i), problems));
      }
    }
    if (ranges.contains(null)) {
      return null;
    }
    return every ? ValueSet.every() : new ValueSet(ranges);
  }

  private static ValueSet set(ValueRange range) {
    return range == null ? null : new ValueSet(List.of(range));
  }

  private static boolean isStar(JsonNode value) {
    return value.isTextual() && value.textValue().equals(STAR);
  }

  private static ValueRange range(
      CalendarField field, JsonNode value, String path, Problems problems) {
    if (!value.isObject()) {
      Integer single = single(field, value, path, field.expected(), problems);
      return single == null ? null : ValueRange.single(single);
    }
    Section range = Section.of(value, path, field.expected(), problems);
    range.allowOnly(List.of("start", "end", "step"));
    Integer start = bound(field, range, "start");
    Integer end = bound(field, range, "end");
    // A bad step is recorded; the range is then dropped with the whole calendar.
    int step = range.integer("step", 1, field.max(), 1);
    if (start == null || end == null) {
      return null;
    }
    if (start > end) {
      problems.add(
          path, Values.show(value), "a range with start <= end (ranges do not wrap around)");
      return null;
    }
    return new ValueRange(start, end, step);
  }

  private static Integer bound(CalendarField field, Section range, String name) {
    JsonNode value = range.required(name, field.expectedValue());
    return value == null
        ? null
        : single(field, value, range.path(name), field.expectedValue(), range.problems());
  }

  private static Integer single(
      CalendarField field, JsonNode value, String path, String expected, Problems problems) {
    if (value.isTextual()) {
      Integer named = field.named(value.textValue());
      if (named == null) {
        problems.add(path, Values.show(value), expected);
      }
      return named;
    }
    if (!value.isNumber()) {
      problems.add(path, Values.show(value), expected);
      return null;
    }
    return Values.integer(value, path, field.min(), field.max(), problems);
  }
}
