package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.state.DeliveryStatus;
import io.drover.core.store.DeliveryRecord;
import io.drover.core.store.DeliveryStore;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.NotFoundException;
import io.drover.core.store.Page;
import io.drover.core.store.RunRecord;
import io.javalin.http.Context;
import java.util.List;

/** Deliveries of finished Runs to their Job's sink: listed with their tries, redelivered. */
final class DeliveryHandlers {
  private final Handlers.Parts parts;

  DeliveryHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  void ofRun(Context ctx) {
    String project = ctx.pathParam("project");
    String runId = ctx.pathParam("runId");
    parts
        .store()
        .findRun(project, runId)
        .orElseThrow(
            () ->
                new NotFoundException("run '" + runId + "' does not exist in project " + project));
    ArrayNode items = Views.JSON.createArrayNode();
    for (DeliveryRecord delivery : parts.store().deliveries().listForRun(project, runId)) {
      items.add(view(delivery, parts.store().deliveries().listTries(delivery.id())));
    }
    ObjectNode body = Views.JSON.createObjectNode();
    body.set("items", items);
    Requests.json(ctx, 200, body);
  }

  void ofJobRun(Context ctx) {
    String project = ctx.pathParam("project");
    String jobRunId = requireJobRun(ctx);
    Query query = Query.of(ctx);
    DeliveryStatus status = query.oneOf("status", DeliveryStatus.class);
    String list = "deliveries:" + jobRunId;
    Page<DeliveryRecord> page =
        parts
            .store()
            .deliveries()
            .listForJobRun(
                project,
                jobRunId,
                status,
                parts.cursors().decode(list, query),
                Requests.limit(ctx));
    List<ObjectNode> items = page.items().stream().map(d -> view(d, null)).toList();
    Requests.json(ctx, 200, Views.page(items, parts.cursors().encode(list, page.nextCursor())));
  }

  void redeliver(Context ctx) {
    String project = ctx.pathParam("project");
    String id = ctx.pathParam("deliveryId");
    if (!parts.store().deliveries().redeliver(project, id, parts.engine().clock().now())) {
      throw new NotFoundException("delivery '" + id + "' does not exist in project " + project);
    }
    DeliveryRecord delivery = parts.store().deliveries().find(project, id).orElseThrow();
    Requests.json(ctx, 200, view(delivery, parts.store().deliveries().listTries(id)));
  }

  void redeliverJobRun(Context ctx) {
    String project = ctx.pathParam("project");
    String jobRunId = requireJobRun(ctx);
    int count =
        parts.store().deliveries().redeliverFailed(project, jobRunId, parts.engine().clock().now());
    Requests.json(ctx, 200, Views.JSON.createObjectNode().put("redelivered", count));
  }

  /**
   * The delivery of a Run's outcome with its tries, for the Run's view; JSON null while it has none
   * (not finished yet, no sink, or filtered out by {@code apisToSend} / {@code skipOnFail}).
   */
  static JsonNode ofRunView(DeliveryStore deliveries, RunRecord run) {
    List<DeliveryRecord> found = deliveries.listForRun(run.project(), run.id());
    if (found.isEmpty()) {
      return NullNode.getInstance();
    }
    DeliveryRecord delivery = found.get(0);
    return view(delivery, deliveries.listTries(delivery.id()));
  }

  /** {@code pending, delivered, failed} of a JobRun, for its view. */
  static ObjectNode counts(long[] counts) {
    return Views.JSON
        .createObjectNode()
        .put("pending", counts[0])
        .put("delivered", counts[1])
        .put("failed", counts[2]);
  }

  private String requireJobRun(Context ctx) {
    String project = ctx.pathParam("project");
    String id = ctx.pathParam("jobRunId");
    parts
        .store()
        .findJobRun(project, id)
        .orElseThrow(
            () ->
                new NotFoundException("job run '" + id + "' does not exist in project " + project));
    return id;
  }

  private static ObjectNode view(DeliveryRecord delivery, List<DeliveryTry> tries) {
    ObjectNode node = Views.JSON.createObjectNode();
    node.put("id", delivery.id());
    node.put("runId", delivery.runId());
    node.put("jobRunId", delivery.jobRunId());
    node.put("apiName", delivery.apiName());
    node.put("status", delivery.status().name());
    node.put("tries", delivery.tries());
    Views.time(
        node,
        "nextTryAt",
        delivery.status() == DeliveryStatus.PENDING ? delivery.nextTryAt() : null);
    node.put("lastError", delivery.lastError());
    Views.time(node, "createdAt", delivery.createdAt());
    Views.time(node, "endedAt", delivery.endedAt());
    if (tries != null) {
      ArrayNode list = node.putArray("history");
      for (DeliveryTry attempt : tries) {
        ObjectNode item = list.addObject().put("number", attempt.number());
        Views.time(item, "at", attempt.startedAt());
        item.put("durationMillis", attempt.durationMillis());
        if (attempt.statusCode() == null) {
          item.putNull("statusCode");
        } else {
          item.put("statusCode", attempt.statusCode());
        }
        item.put("error", attempt.error());
      }
    }
    return node;
  }
}
