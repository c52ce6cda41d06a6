package io.drover.server;

import io.drover.core.engine.Node;
import io.drover.core.store.NodeRecord;
import io.drover.core.store.Store;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Attempt artifacts stay on the node that ran the attempt (in its data directory): a request for
 * one that is not here is redirected (307) to the node of the attempt — or to the UP node of the
 * same name, its later incarnation — when that node is another one and has a URL.
 */
final class OtherNodes {
  private final Store store;
  private final Node self;

  OtherNodes(Store store, Node self) {
    this.store = store;
    this.self = self;
  }

  /** The URL on the node that has the artifacts of an attempt run on {@code attemptNode}. */
  Optional<String> locate(String attemptNode, Context ctx) {
    if (attemptNode == null || attemptNode.equals(self.id())) {
      return Optional.empty();
    }
    Optional<NodeRecord> serving = store.nodes().servingNodeOf(attemptNode);
    if (serving.isEmpty()
        || serving.get().url() == null
        || serving.get().name().equals(self.name())) {
      return Optional.empty();
    }
    String query = ctx.queryString();
    return Optional.of(serving.get().url() + ctx.path() + (query == null ? "" : "?" + query));
  }

  /** Why an attempt's artifact is on no node that can serve it, or null if that is not the case. */
  String gone(String attemptNode) {
    if (attemptNode == null || attemptNode.equals(self.id())) {
      return null;
    }
    Optional<NodeRecord> serving = store.nodes().servingNodeOf(attemptNode);
    if (serving.isPresent() && serving.get().name().equals(self.name())) {
      return null;
    }
    String name = store.nodes().findNode(attemptNode).map(NodeRecord::name).orElse(attemptNode);
    return serving.isEmpty()
        ? "it ran on node " + name + ", which is not up: its artifacts are kept there"
        : "it ran on node " + name + ", which has no URL (--node-url) to send you to";
  }
}
