package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.IntervalSpec;
import io.drover.core.schedule.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code schedule}: intervals, calendars (object form or cron), jitter, timezone, catch-up.
 * Part of the Job document parser; {@link #parse} reads one on its own.
 */
public final class ScheduleReader {
  private static final List<String> FIELDS =
      List.of("intervals", "calendars", "cron", "jitter", "timezone", "catchupWindow");
  static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
  private static final String TIMEZONE = "an IANA time zone id such as \"Europe/Paris\" or \"UTC\"";

  private ScheduleReader() {}

  /**
   * A schedule section on its own (to preview a schedule before saving it), read exactly as a
   * Job's; problems are reported with paths under {@code path}, e.g. {@code
   * $.schedule.calendars[0].hour}.
   *
   * @throws InvalidDocumentException listing every problem
   */
  public static Schedule parse(JsonNode schedule, String path) {
    Problems problems = new Problems();
    Section section = Section.of(schedule, path, "a schedule object", problems);
    Schedule parsed = section == null ? null : read(section);
    problems.throwIfAny();
    return parsed;
  }

  /** The schedule, or null when it has problems (recorded). */
  static Schedule read(Section schedule) {
    Problems problems = schedule.problems();
    long before = problems.total();
    schedule.allowOnly(FIELDS);
    List<IntervalSpec> intervals = new ArrayList<>();
    ArrayNode intervalArray =
        schedule.array("intervals", "an array of intervals {\"every\", \"offset\"?}");
    if (intervalArray != null) {
      String path = schedule.path("intervals");
      for (int i = 0; i < intervalArray.size(); i++) {
        intervals.add(interval(intervalArray.get(i), Values.index(path, i), problems));
      }
    }
    List<CalendarSpec> calendars = new ArrayList<>();
    ArrayNode calendarArray = schedule.array("calendars", CalendarReader.EXPECTED_ARRAY);
    if (calendarArray != null) {
      String path = schedule.path("calendars");
      for (int i = 0; i < calendarArray.size(); i++) {
        calendars.add(CalendarReader.read(calendarArray.get(i), Values.index(path, i), problems));
      }
    }
    calendars.addAll(crons(schedule));
    Duration jitter = duration(schedule, "jitter", Duration.ZERO);
    ZoneId timezone = schedule.parsed("timezone", TIMEZONE, ScheduleReader::zone);
    Duration catchupWindow = duration(schedule, "catchupWindow", Schedule.DEFAULT_CATCHUP_WINDOW);
    if (intervals.isEmpty() && calendars.isEmpty() && problems.total() == before) {
      problems.add(
          schedule.path(),
          Values.show(schedule.node()),
          "at least one entry in \"intervals\", \"calendars\" or \"cron\"");
    }
    if (problems.total() != before) {
      return null;
    }
    return new Schedule(
        intervals,
        calendars,
        jitter,
        timezone == null ? DEFAULT_TIMEZONE : timezone,
        catchupWindow);
  }

  /** {@code schedule.cron}: one expression or an array of them, each one more calendar. */
  private static List<CalendarSpec> crons(Section schedule) {
    JsonNode value = schedule.get("cron");
    List<CalendarSpec> calendars = new ArrayList<>();
    if (value == null) {
      return calendars;
    }
    String path = schedule.path("cron");
    if (!value.isArray()) {
      calendars.add(CalendarReader.cron(value, path, schedule.problems()));
    }
    for (int i = 0; i < value.size() && value.isArray(); i++) {
      calendars.add(CalendarReader.cron(value.get(i), Values.index(path, i), schedule.problems()));
    }
    return calendars;
  }

  private static IntervalSpec interval(JsonNode value, String path, Problems problems) {
    Section interval =
        Section.of(value, path, "an interval object {\"every\", \"offset\"?}", problems);
    if (interval == null) {
      return null;
    }
    interval.allowOnly(List.of("every", "offset"));
    Duration every = null;
    if (interval.required("every", DurationText.EXPECTED) != null) {
      every = duration(interval, "every", null);
      if (every != null && every.isZero()) {
        interval.problem("every", interval.get("every"), "a duration of at least 1s");
        every = null;
      }
    }
    Duration offset = duration(interval, "offset", Duration.ZERO);
    if (every != null && offset != null && offset.compareTo(every) >= 0) {
      String expected = "a duration shorter than every (" + DurationText.format(every) + ")";
      interval.problem("offset", interval.get("offset"), expected);
    }
    return every == null ? null : new IntervalSpec(every, offset);
  }

  private static Duration duration(Section section, String name, Duration defaultValue) {
    Duration value = section.parsed(name, DurationText.EXPECTED, DurationText::parse);
    return value == null ? defaultValue : value;
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
