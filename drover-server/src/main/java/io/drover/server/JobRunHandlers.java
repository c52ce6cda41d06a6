package io.drover.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.NotFoundException;
import io.drover.core.store.Page;
import io.drover.core.store.RunCounts;
import io.drover.core.store.RunRecord;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class JobRunHandlers {
  /** Runs read from the store per page of an export. */
  static final int EXPORT_PAGE = 1_000;

  private final Handlers.Parts parts;

  JobRunHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  void listOfJob(Context ctx) {
    String project = ctx.pathParam("project");
    String jobId = ctx.pathParam("jobId");
    parts.jobs().get(project, jobId);
    String list = "job-runs:" + project + "/" + jobId;
    Page<JobRunRecord> page =
        parts
            .store()
            .listJobRuns(
                project, jobId, parts.cursors().decode(list, Query.of(ctx)), Requests.limit(ctx));
    Requests.json(
        ctx,
        200,
        Views.page(views(parts, page.items()), parts.cursors().encode(list, page.nextCursor())));
  }

  void get(Context ctx) {
    JobRunRecord jobRun = find(ctx);
    Requests.json(ctx, 200, view(jobRun));
  }

  /** Ends the JobRun as TERMINATED; terminating one that already ended changes nothing. */
  void terminate(Context ctx) {
    JobRunRecord jobRun = find(ctx);
    parts.engine().endJobRun(jobRun.id(), JobRunStatus.TERMINATED, "terminated by request");
    JobRunRecord now = find(ctx);
    Requests.json(ctx, 200, view(now));
  }

  void runs(Context ctx) {
    JobRunRecord jobRun = find(ctx);
    Query query = Query.of(ctx);
    RunStatus status = query.oneOf("status", RunStatus.class);
    String apiName = apiName(query, jobRun);
    String list = "runs:" + jobRun.id();
    Page<RunRecord> page =
        parts
            .store()
            .listRuns(
                jobRun.id(),
                status,
                apiName,
                parts.cursors().decode(list, query),
                Requests.limit(ctx));
    List<ObjectNode> items = page.items().stream().map(run -> Views.run(run, null)).toList();
    Requests.json(ctx, 200, Views.page(items, parts.cursors().encode(list, page.nextCursor())));
  }

  /**
   * Every Run of the JobRun (optionally of one status or API) as JSON Lines, one Run's view per
   * line in seq order, streamed from the store a page at a time: the heap holds one page, whatever
   * the JobRun's size.
   */
  void export(Context ctx) throws IOException {
    JobRunRecord jobRun = find(ctx);
    Query query = Query.of(ctx);
    RunStatus status = query.oneOf("status", RunStatus.class);
    String apiName = apiName(query, jobRun);
    ctx.status(200).contentType("application/x-ndjson");
    ctx.header("Content-Disposition", "attachment; filename=\"" + jobRun.id() + ".jsonl\"");
    try (JsonGenerator out = Views.JSON.getFactory().createGenerator(ctx.outputStream())) {
      out.setRootValueSeparator(null);
      String cursor = null;
      do {
        Page<RunRecord> page =
            parts.store().listRuns(jobRun.id(), status, apiName, cursor, EXPORT_PAGE);
        for (RunRecord run : page.items()) {
          out.writeTree(Views.run(run, null));
          out.writeRaw('\n');
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
  }

  private String apiName(Query query, JobRunRecord jobRun) {
    String apiName = query.text("apiName");
    List<String> apis = parts.projects().apiNames(jobRun.project());
    if (apiName != null && !apis.contains(apiName)) {
      throw ApiException.badRequest(
          "apiName",
          "query parameter apiName = '"
              + Query.shown(apiName)
              + "': expected one of the APIs of project "
              + jobRun.project()
              + ": "
              + apis);
    }
    return apiName;
  }

  private ObjectNode view(JobRunRecord jobRun) {
    return views(parts, List.of(jobRun)).get(0);
  }

  /**
   * The views of these JobRuns, in order, with two queries whatever their number: their Run counts
   * and their delivery counts, each fetched for all of them at once.
   */
  static List<ObjectNode> views(Handlers.Parts parts, List<JobRunRecord> jobRuns) {
    if (jobRuns.isEmpty()) {
      return List.of();
    }
    List<String> ids = jobRuns.stream().map(JobRunRecord::id).toList();
    Map<String, RunCounts> runs = parts.store().countRuns(ids);
    Map<String, long[]> deliveries = parts.store().deliveries().countForJobRuns(ids);
    List<ObjectNode> views = new ArrayList<>(jobRuns.size());
    for (JobRunRecord jobRun : jobRuns) {
      ObjectNode node = Views.jobRun(jobRun, runs.get(jobRun.id()));
      node.set("deliveries", DeliveryHandlers.counts(deliveries.get(jobRun.id())));
      views.add(node);
    }
    return views;
  }

  private JobRunRecord find(Context ctx) {
    String project = ctx.pathParam("project");
    String id = ctx.pathParam("jobRunId");
    return parts
        .store()
        .findJobRun(project, id)
        .orElseThrow(
            () ->
                new NotFoundException("job run '" + id + "' does not exist in project " + project));
  }
}
