package io.drover.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.engine.Jobs;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.Page;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

final class JobHandlers {
  private final Handlers.Parts parts;
  private final Jobs jobs;

  JobHandlers(Handlers.Parts parts) {
    this.parts = parts;
    this.jobs = parts.jobs();
  }

  void create(Context ctx) {
    String project = ctx.pathParam("project");
    if (Query.of(ctx).flag("dryRun")) {
      Jobs.Validated validated = jobs.validate(project, body(ctx));
      ObjectNode body = Views.object();
      body.put("valid", true);
      body.put("id", validated.config().id());
      body.put("payloadSize", validated.payloadSize());
      Requests.json(ctx, 200, body);
      return;
    }
    Requests.json(ctx, 201, summary(jobs.create(project, body(ctx))));
  }

  void replace(Context ctx) {
    JobRecord job = jobs.replace(ctx.pathParam("project"), ctx.pathParam("jobId"), body(ctx));
    Requests.json(ctx, 200, summary(job));
  }

  void list(Context ctx) {
    String project = ctx.pathParam("project");
    String list = "jobs:" + project;
    Page<JobRecord> page =
        jobs.list(project, parts.cursors().decode(list, Query.of(ctx)), Requests.limit(ctx));
    Requests.json(
        ctx,
        200,
        Views.page(summaries(page.items()), parts.cursors().encode(list, page.nextCursor())));
  }

  /** The Job's state and its whole document, payload streamed from the store. */
  void get(Context ctx) throws IOException {
    JobRecord job = jobs.get(ctx.pathParam("project"), ctx.pathParam("jobId"));
    ObjectNode summary = summary(job);
    ctx.status(200).contentType("application/json");
    OutputStream out = ctx.outputStream();
    try (JsonGenerator gen = Views.JSON.getFactory().createGenerator(out)) {
      gen.writeStartObject();
      var fields = summary.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        gen.writeFieldName(field.getKey());
        gen.writeTree(field.getValue());
      }
      gen.writeFieldName("document");
      jobs.writeDocument(job, gen);
      gen.writeEndObject();
    }
  }

  void delete(Context ctx) {
    jobs.delete(ctx.pathParam("project"), ctx.pathParam("jobId"));
    ctx.status(204);
  }

  void trigger(Context ctx) {
    JobRunRecord jobRun =
        jobs.trigger(ctx.pathParam("project"), ctx.pathParam("jobId"), Trigger.MANUAL);
    ObjectNode body = Views.object();
    body.put("jobRunId", jobRun.id());
    Requests.json(ctx, 201, body);
  }

  void pause(Context ctx) {
    Requests.json(ctx, 200, summary(jobs.pause(ctx.pathParam("project"), ctx.pathParam("jobId"))));
  }

  void resume(Context ctx) {
    Requests.json(ctx, 200, summary(jobs.resume(ctx.pathParam("project"), ctx.pathParam("jobId"))));
  }

  private java.io.InputStream body(Context ctx) {
    return Requests.body(ctx, parts.settings());
  }

  private ObjectNode summary(JobRecord job) {
    return summaries(List.of(job)).get(0);
  }

  /**
   * The Jobs with their last JobRuns, in a constant number of queries whatever the page size: one
   * for the last JobRuns, one for their Run counts, one for their delivery counts.
   */
  private List<ObjectNode> summaries(List<JobRecord> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<String, JobRunRecord> last =
        parts.store().lastJobRuns(page.get(0).project(), page.stream().map(JobRecord::id).toList());
    Map<String, ObjectNode> views =
        JobRunHandlers.views(parts, List.copyOf(last.values())).stream()
            .collect(Collectors.toMap(v -> v.get("jobId").asText(), v -> v));
    return page.stream().map(job -> summary(job, views.get(job.id()))).toList();
  }

  private static ObjectNode summary(JobRecord job, ObjectNode lastJobRun) {
    ObjectNode node = Views.object();
    node.put("id", job.id());
    node.put("project", job.project());
    node.put("status", job.status().name());
    node.put("version", job.version());
    node.put("payloadSize", job.payloadSize());
    Views.time(node, "createdAt", job.createdAt());
    Views.time(node, "updatedAt", job.updatedAt());
    Views.time(node, "nextFireAt", job.nextFireAt());
    if (lastJobRun == null) {
      node.putNull("lastJobRun");
    } else {
      node.set("lastJobRun", lastJobRun);
    }
    return node;
  }
}
