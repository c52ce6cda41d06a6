package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.auth.AuthSession;
import io.drover.core.store.ConflictException;
import io.drover.core.store.NotFoundException;
import io.drover.sdk.JsonParameters;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/projects/{p}/auth-sessions}: CREDENTIALS sessions made by logging in, RECORDER
 * sessions uploaded as a Playwright storage state; their status, never their secrets.
 */
final class AuthSessionHandlers {
  private static final long MAX_BODY = 1024 * 1024;
  private static final String LIMIT = "the fixed limit of AuthSession bodies (1 MiB)";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String ID_EXPECTED = "an id of 1 to 64 characters from A-Z a-z 0-9 _ -";
  private static final Set<String> CREATE_FIELDS = Set.of("id", "type", "credentials");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Handlers.Parts parts;

  AuthSessionHandlers(Handlers.Parts parts) {
    this.parts = parts;
  }

  /** {"id", "type": "CREDENTIALS", "credentials": {...}}: 202, the login runs in the background. */
  void create(Context ctx) throws IOException {
    String project = project(ctx);
    JsonNode body =
        StrictJson.read(
            Requests.body(ctx, MAX_BODY, LIMIT),
            "{\"id\", \"type\": \"CREDENTIALS\", \"credentials\": {...}}");
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "$", "expected {\"id\", \"type\": \"CREDENTIALS\", \"credentials\": {...}}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CREATE_FIELDS.contains(name)) {
        throw ApiException.badRequest(
            "$." + name, "unknown field; expected one of " + List.copyOf(CREATE_FIELDS));
      }
    }
    JsonNode id = body.get("id");
    if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
      throw ApiException.badRequest("$.id", "id = " + show(id) + ": expected " + ID_EXPECTED);
    }
    JsonNode type = body.get("type");
    if (type != null && type.isTextual() && type.asText().equals("RECORDER")) {
      throw ApiException.badRequest(
          "$.type",
          "type = \"RECORDER\": a RECORDER session is uploaded, not created: PUT its Playwright"
              + " storage state to /api/v1/projects/"
              + project
              + "/auth-sessions/"
              + id.asText()
              + "/storage-state");
    }
    if (type == null || !type.isTextual() || !type.asText().equals("CREDENTIALS")) {
      throw ApiException.badRequest(
          "$.type", "type = " + show(type) + ": expected \"CREDENTIALS\"");
    }
    JsonParameters credentials = credentials(body.get("credentials"), "$.credentials");
    AuthSession session;
    try {
      session = parts.engine().createAuthSession(project, id.asText(), credentials);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("$.type", e.getMessage());
    } catch (ConflictException e) {
      throw new ConflictException(
          "AuthSession '"
              + id.asText()
              + "' exists in project "
              + project
              + "; replace its credentials with PUT .../auth-sessions/"
              + id.asText()
              + "/credentials, or delete it first");
    }
    Requests.json(ctx, 202, view(session));
  }

  /** The Playwright storage state itself is the body: 202, it is checked in the background. */
  void uploadState(Context ctx) throws IOException {
    String project = project(ctx);
    String id = id(ctx);
    byte[] body = Requests.body(ctx, MAX_BODY, LIMIT).readAllBytes();
    // Read strictly first (duplicate keys, numbers, Unicode), then checked as a storage state.
    StrictJson.read(
        new java.io.ByteArrayInputStream(body),
        "a Playwright storage state {\"cookies\": [...], \"origins\": [...]}");
    AuthSession session;
    try {
      session =
          parts
              .engine()
              .uploadAuthSessionState(project, id, new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("$", e.getMessage());
    }
    Requests.json(ctx, 202, view(session));
  }

  /** {"credentials": {...}}: 202, the session logs in again in the background. */
  void replaceCredentials(Context ctx) throws IOException {
    String project = project(ctx);
    String id = id(ctx);
    JsonNode body =
        StrictJson.read(Requests.body(ctx, MAX_BODY, LIMIT), "{\"credentials\": {...}}");
    if (!body.isObject() || body.size() != 1 || !body.has("credentials")) {
      throw ApiException.badRequest("$", "expected {\"credentials\": {...}}");
    }
    JsonParameters credentials = credentials(body.get("credentials"), "$.credentials");
    find(project, id);
    Requests.json(
        ctx, 202, view(parts.engine().replaceAuthSessionCredentials(project, id, credentials)));
  }

  void list(Context ctx) {
    String project = project(ctx);
    List<ObjectNode> items =
        parts.engine().authSessions().list(project).stream()
            .map(AuthSessionHandlers::view)
            .toList();
    Requests.json(ctx, 200, Views.page(items, null));
  }

  void get(Context ctx) {
    String project = project(ctx);
    String id = id(ctx);
    ObjectNode view = view(find(project, id));
    JsonNode log = parts.engine().authSessions().lastLog(project, id).orElse(null);
    if (log == null) {
      view.putNull("lastLoginLog");
    } else {
      view.set("lastLoginLog", log);
    }
    Requests.json(ctx, 200, view);
  }

  /** Runs the check now: 200 with the session as the check left it. */
  void validate(Context ctx) throws Exception {
    String project = project(ctx);
    String id = id(ctx);
    find(project, id);
    AuthSession session =
        parts.engine().validateAuthSession(project, id).orElseThrow(() -> missing(project, id));
    Requests.json(ctx, 200, view(session));
  }

  void delete(Context ctx) {
    String project = project(ctx);
    String id = id(ctx);
    if (!parts.engine().deleteAuthSession(project, id)) {
      throw missing(project, id);
    }
    ctx.status(204);
  }

  static ObjectNode view(AuthSession session) {
    ObjectNode node = Views.object();
    node.put("id", session.id());
    node.put("project", session.project());
    node.put("type", session.type().name());
    node.put("status", session.status().name());
    Views.time(node, "createdAt", session.createdAt());
    Views.time(node, "lastCheckedAt", session.lastCheckedAt());
    Views.time(node, "lastCreatedAt", session.lastCreatedAt());
    node.put("lastError", session.lastError());
    return node;
  }

  private static String show(JsonNode value) {
    return value == null ? "(missing)" : Query.shown(value.toString());
  }

  private static JsonParameters credentials(JsonNode node, String path) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      // Never echo what was sent: it is a secret.
      throw ApiException.badRequest(
          path, "credentials: expected a non-empty JSON object, e.g. {\"username\", \"password\"}");
    }
    return new JsonParameters(JSON.convertValue(node, Map.class));
  }

  private String project(Context ctx) {
    String project = ctx.pathParam("project");
    if (!parts.projects().hasProject(project)) {
      throw new NotFoundException("project '" + project + "' does not exist");
    }
    return project;
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("sessionId");
    if (!ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "sessionId", "sessionId = \"" + id + "\": expected " + ID_EXPECTED);
    }
    return id;
  }

  private AuthSession find(String project, String id) {
    return parts.engine().authSessions().find(project, id).orElseThrow(() -> missing(project, id));
  }

  private static NotFoundException missing(String project, String id) {
    return new NotFoundException("project " + project + " has no AuthSession '" + id + "'");
  }
}
