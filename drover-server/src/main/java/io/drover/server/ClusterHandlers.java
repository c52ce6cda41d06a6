package io.drover.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.engine.Node;
import io.drover.core.store.NodeRecord;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;

/** The nodes sharing this server's database, as the database sees them. */
final class ClusterHandlers {
  /** Nodes that stopped or were lost are still listed this long after. */
  static final Duration ENDED_SHOWN = Duration.ofHours(1);

  private final Handlers.Parts parts;

  ClusterHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  void nodes(Context ctx) {
    Node self = parts.engine().parts().node();
    Instant now = parts.engine().clock().now();
    ObjectNode body = Views.object();
    body.put("self", self.id());
    body.put("heartbeatSeconds", self.heartbeat().toSeconds());
    body.put("leaseSeconds", self.lease().toSeconds());
    ArrayNode items = body.putArray("items");
    for (NodeRecord node : parts.store().nodes().listNodes(now.minus(ENDED_SHOWN))) {
      ObjectNode item = items.addObject();
      item.put("id", node.id());
      item.put("name", node.name());
      item.put("host", node.host());
      item.put("url", node.url());
      item.put("version", node.version());
      item.put("status", node.status().name());
      item.put("self", node.id().equals(self.id()));
      item.put("slots", node.slots());
      item.put("runningAttempts", node.runningAttempts());
      Views.time(item, "startedAt", node.startedAt());
      Views.time(item, "lastHeartbeat", node.heartbeatAt());
      Views.time(item, "endedAt", node.endedAt());
    }
    Requests.json(ctx, 200, body);
  }
}
