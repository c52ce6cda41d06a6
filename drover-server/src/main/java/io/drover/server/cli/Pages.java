package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Every item of a paged list, following nextCursor. */
final class Pages {
  private final Client client;
  private final String path;

  Pages(Client client, String path) {
    this.client = client;
    this.path = path;
  }

  ArrayNode all() {
    ArrayNode items = Session.JSON.createArrayNode();
    String cursor = null;
    String separator = path.contains("?") ? "&" : "?";
    do {
      JsonNode page =
          client.get(
              path
                  + separator
                  + "limit=1000"
                  + (cursor == null ? "" : "&cursor=" + Client.encode(cursor)));
      page.path("items").forEach(items::add);
      JsonNode next = page.get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asText();
    } while (cursor != null);
    return items;
  }
}
