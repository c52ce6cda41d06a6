package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.store.ApiKeyRecord;
import io.drover.core.store.ConflictException;
import io.drover.core.store.NotFoundException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** {@code /api/v1/keys}: make (the key is in that one answer only), list and delete API keys. */
final class KeyHandlers {
  private static final long MAX_BODY = 16 * 1024;
  private static final Set<String> FIELDS = Set.of("project", "admin", "name");

  private final Handlers.Parts parts;

  KeyHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  /** {"project": "P"} or {"admin": true}, with an optional "name". */
  void create(Context ctx) throws IOException {
    JsonNode body =
        StrictJson.read(
            Requests.body(ctx, MAX_BODY, "the fixed limit of /api/v1/keys"),
            "{\"project\": \"...\"} or {\"admin\": true}");
    if (!body.isObject()) {
      throw ApiException.badRequest("$", "expected {\"project\": \"...\"} or {\"admin\": true}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("$." + name, "unknown field; expected one of " + FIELDS);
      }
    }
    boolean admin = body.path("admin").asBoolean(false);
    if (body.has("admin") && !body.get("admin").isBoolean()) {
      throw ApiException.badRequest("$.admin", "admin = " + body.get("admin") + ": expected true");
    }
    JsonNode project = body.get("project");
    if (admin == (project != null && !project.isNull())) {
      throw ApiException.badRequest(
          "$", "give either \"project\" (a key for one project) or \"admin\": true, not both");
    }
    List<String> projects = parts.projects().projectNames();
    if (!admin && (!project.isTextual() || !projects.contains(project.asText()))) {
      throw ApiException.badRequest(
          "$.project", "project = " + project + ": expected one of this server's " + projects);
    }
    JsonNode name = body.get("name");
    if (name != null && !name.isNull() && (!name.isTextual() || name.asText().length() > 200)) {
      throw ApiException.badRequest("$.name", "name: expected a text of at most 200 characters");
    }
    ApiKeys.Issued issued =
        parts
            .keys()
            .create(
                admin ? null : project.asText(),
                name == null || name.isNull() ? null : name.asText());
    ObjectNode view = view(issued.record());
    view.put("key", issued.key());
    Requests.json(ctx, 201, view);
  }

  void list(Context ctx) {
    List<ObjectNode> items = parts.store().listApiKeys().stream().map(KeyHandlers::view).toList();
    Requests.json(ctx, 200, Views.page(items, null));
  }

  void delete(Context ctx) {
    String id = ctx.pathParam("keyId");
    List<ApiKeyRecord> keys = parts.store().listApiKeys();
    ApiKeyRecord key =
        keys.stream()
            .filter(k -> k.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("API key '" + id + "' does not exist"));
    if (key.admin() && keys.stream().filter(ApiKeyRecord::admin).count() == 1) {
      throw new ConflictException(
          "API key '" + id + "' is the last admin key; make another admin key first");
    }
    parts.store().deleteApiKey(id);
    ctx.status(204);
  }

  private static ObjectNode view(ApiKeyRecord key) {
    ObjectNode node = Views.object();
    node.put("id", key.id());
    node.put("admin", key.admin());
    node.put("project", key.project());
    node.put("name", key.name());
    Views.time(node, "createdAt", key.createdAt());
    return node;
  }
}
