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
    body.put("node", parts.engine().parts().node().id());
    Requests.json(ctx, 200, body);
  }

  void projects(Context ctx) {
    ObjectNode body = Views.object();
    var items = body.putArray("items");
    var scope = Authenticator.projectScope(ctx);
    for (String name : parts.projects().projectNames()) {
      if (scope.isPresent() && !scope.get().equals(name)) {
        continue; // a project's key sees its own project only
      }
      ObjectNode project = items.addObject();
      project.put("name", name);
      var apis = project.putArray("apis");
      parts.projects().apiNames(name).forEach(apis::add);
    }
    Requests.json(ctx, 200, body);
  }

  /** The OpenAPI 3.1 description of this API (a resource kept next to the route table). */
  void openApi(Context ctx) {
    ctx.contentType("application/json").result(OpenApi.text());
  }

  void jobSchema(Context ctx) {
    ctx.contentType("application/schema+json").result(JobSchema.text());
  }
}
