package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.schedule.CalendarField;
import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.IntervalSpec;
import io.drover.core.schedule.Schedule;
import io.drover.core.schedule.ValueRange;
import io.drover.core.schedule.ValueSet;

/** Writes a schedule in canonical form: every field explicit, calendars as objects with ranges. */
final class ScheduleWriter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ScheduleWriter() {}

  static ObjectNode toTree(Schedule schedule) {
    ObjectNode node = JSON.objectNode();
    ArrayNode intervals = node.putArray("intervals");
    for (IntervalSpec interval : schedule.intervals()) {
      intervals
          .addObject()
          .put("every", DurationText.format(interval.every()))
          .put("offset", DurationText.format(interval.offset()));
    }
    ArrayNode calendars = node.putArray("calendars");
    for (CalendarSpec calendar : schedule.calendars()) {
      calendars.add(calendar(calendar));
    }
    node.put("jitter", DurationText.format(schedule.jitter()));
    node.put("timezone", schedule.timezone().getId());
    node.put("catchupWindow", DurationText.format(schedule.catchupWindow()));
    return node;
  }

  private static ObjectNode calendar(CalendarSpec calendar) {
    ObjectNode node = JSON.objectNode();
    for (CalendarField field : CalendarField.values()) {
      node.set(field.jsonName(), valueSet(field.of(calendar)));
    }
    if (calendar.comment() != null) {
      node.put("comment", calendar.comment());
    }
    return node;
  }

  private static JsonNode valueSet(ValueSet set) {
    if (set.isEvery()) {
      return JSON.textNode("*");
    }
    if (set.ranges().size() == 1) {
      return range(set.ranges().get(0));
    }
    ArrayNode array = JSON.arrayNode();
    set.ranges().forEach(range -> array.add(range(range)));
    return array;
  }

  private static JsonNode range(ValueRange range) {
    if (range.start() == range.end() && range.step() == 1) {
      return JSON.numberNode(range.start());
    }
    ObjectNode node = JSON.objectNode().put("start", range.start()).put("end", range.end());
    return range.step() == 1 ? node : node.put("step", range.step());
  }
}
