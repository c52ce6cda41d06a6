package io.drover.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.job.JobSchema;
import io.javalin.http.Context;

final class SystemHandlers {
  private final Handlers.Parts parts;

  SystemHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  void health(Context ctx) {
    ObjectNode body = Views.object();
    body.put("status", "ok");
    body.put("slots", parts.settings().engine().slots());
    body.put("inFlight", parts.engine().inFlight());
    Requests.json(ctx, 200, body);
  }

  void projects(Context ctx) {
    ObjectNode body = Views.object();
    var items = body.putArray("items");
    for (String name : parts.projects().projectNames()) {
      ObjectNode project = items.addObject();
      project.put("name", name);
      var apis = project.putArray("apis");
      parts.projects().apiNames(name).forEach(apis::add);
    }
    Requests.json(ctx, 200, body);
  }

  void jobSchema(Context ctx) {
    ctx.contentType("application/schema+json").result(JobSchema.text());
  }
}
