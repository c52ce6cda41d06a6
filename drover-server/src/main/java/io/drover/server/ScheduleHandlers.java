package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.job.InvalidDocumentException;
import io.drover.core.job.JobDocuments;
import io.drover.core.job.Problem;
import io.drover.core.job.ScheduleReader;
import io.drover.core.schedule.FireTimes;
import io.drover.core.schedule.Schedule;
import io.drover.core.store.JobRecord;
import io.drover.core.store.SkippedFire;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A Job's upcoming fire times and skipped fires, and previews of a schedule not yet saved. */
final class ScheduleHandlers {
  static final int DEFAULT_COUNT = 10;
  static final int MAX_COUNT = 1000;
  private static final List<String> PREVIEW_FIELDS = List.of("schedule", "from", "count");
  private static final String COUNT_EXPECTED = "a whole number from 1 to " + MAX_COUNT;

  private final Handlers.Parts parts;

  ScheduleHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  /** {@code {"nextFireAt", "nextFireTimes": [...], "skipped": [...]}}; times in UTC. */
  void ofJob(Context ctx) {
    JobRecord job = parts.jobs().get(ctx.pathParam("project"), ctx.pathParam("jobId"));
    int count = Query.of(ctx).whole("count", DEFAULT_COUNT, MAX_COUNT);
    Schedule schedule = JobDocuments.fromStoredJson(job.configJson()).schedule();
    ObjectNode body = Views.object();
    Views.time(body, "nextFireAt", job.nextFireAt());
    times(
        body.putArray("nextFireTimes"),
        parts.engine().scheduler().nextFireTimes(schedule, job.nextFireAt(), count));
    ArrayNode skipped = body.putArray("skipped");
    for (SkippedFire skip : parts.store().listSkippedFires(job.project(), job.id(), MAX_COUNT)) {
      ObjectNode entry = skipped.addObject();
      Views.time(entry, "nominalAt", skip.nominalAt());
      Views.time(entry, "recordedAt", skip.recordedAt());
      entry.put("reason", skip.reason());
    }
    Requests.json(ctx, 200, body);
  }

  /**
   * {@code {"schedule", "from"?, "count"?}} -> {@code {"fireTimes": [...]}}, after from (default
   * now).
   */
  void preview(Context ctx) {
    JsonNode request = readJson(ctx);
    List<Problem> problems = new ArrayList<>();
    if (!request.isObject()) {
      throw invalid(
          new Problem("$", show(request), "an object {\"schedule\", \"from\"?, \"count\"?}"));
    }
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PREVIEW_FIELDS.contains(name)) {
        problems.add(
            new Problem(
                "$." + name,
                null,
                "one of the known fields: " + String.join(", ", PREVIEW_FIELDS)));
      }
    }
    Instant from = from(request.get("from"), problems);
    int count = DEFAULT_COUNT;
    JsonNode countNode = request.get("count");
    if (countNode != null && !countNode.isNull()) {
      if (countNode.canConvertToInt()
          && countNode.isIntegralNumber()
          && countNode.intValue() >= 1
          && countNode.intValue() <= MAX_COUNT) {
        count = countNode.intValue();
      } else {
        problems.add(new Problem("$.count", show(countNode), COUNT_EXPECTED));
      }
    }
    Schedule schedule = null;
    JsonNode scheduleNode = request.get("schedule");
    if (scheduleNode == null || scheduleNode.isNull()) {
      problems.add(new Problem("$.schedule", null, "a schedule object, as in a Job (required)"));
    } else {
      try {
        schedule = ScheduleReader.parse(scheduleNode, "$.schedule");
      } catch (InvalidDocumentException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
    ObjectNode body = Views.object();
    times(body.putArray("fireTimes"), FireTimes.of(schedule).next(from, count));
    Requests.json(ctx, 200, body);
  }

  private Instant from(JsonNode value, List<Problem> problems) {
    if (value == null || value.isNull()) {
      return parts.engine().clock().now();
    }
    String expected = "an ISO-8601 instant with offset, such as \"2026-11-29T10:00:00Z\"";
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.textValue()).toInstant();
      } catch (DateTimeException e) {
        // reported below
      }
    }
    problems.add(new Problem("$.from", show(value), expected));
    return null;
  }

  private JsonNode readJson(Context ctx) {
    return StrictJson.read(
        Requests.body(ctx, parts.settings()),
        "a JSON object {\"schedule\", \"from\"?, \"count\"?}");
  }

  private static String show(JsonNode value) {
    String text = value.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  private static InvalidDocumentException invalid(Problem problem) {
    return new InvalidDocumentException(List.of(problem));
  }

  private static void times(ArrayNode array, List<Instant> times) {
    times.forEach(time -> array.add(time.toString()));
  }
}
