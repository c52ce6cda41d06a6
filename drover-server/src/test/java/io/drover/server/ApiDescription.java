package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The server's OpenAPI description, read the way a client would, and a check of real responses
 * against it: the status must be documented for the route, the content type too, and a JSON body
 * must match the response's schema (validated by networknt's JSON Schema validator, 2020-12, the
 * dialect of OpenAPI 3.1). {@link TestServer} checks every response it sees.
 */
final class ApiDescription {
  private static final ApiDescription SHARED = new ApiDescription(OpenApi.text());
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final JsonNode doc;
  private final List<Template> templates = new ArrayList<>();
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private record Template(String path, Pattern pattern) {}

  ApiDescription(String json) {
    try {
      this.doc = TestServer.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("openapi.json is not JSON", e);
    }
    for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      String regex =
          Pattern.quote(path).replaceAll("\\{[A-Za-z]+}", "\\\\E[^/]+\\\\Q").replace("\\Q\\E", "");
      templates.add(new Template(path, Pattern.compile(regex)));
    }
  }

  static ApiDescription shared() {
    return SHARED;
  }

  JsonNode document() {
    return doc;
  }

  /** Every documented route, as "METHOD path". */
  Set<String> routes() {
    Set<String> routes = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return routes;
  }

  /** The documented path template a concrete path is an instance of, if any. */
  Optional<String> template(String method, String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return templates.stream()
        .filter(t -> t.pattern().matcher(bare).matches())
        .filter(t -> doc.get("paths").get(t.path()).has(method.toLowerCase(Locale.ROOT)))
        .map(Template::path)
        .findFirst();
  }

  /**
   * What is wrong with this response for its documented route; empty if nothing. A path no
   * documented route matches is not checked here (OpenApiTest checks the route table).
   */
  List<String> problems(String method, String path, int status, String contentType, byte[] body) {
    Optional<String> template = template(method, path);
    if (template.isEmpty()) {
      return List.of();
    }
    String route = method + " " + template.get();
    JsonNode responses =
        doc.get("paths").get(template.get()).get(method.toLowerCase(Locale.ROOT)).get("responses");
    JsonNode response = responses.get(Integer.toString(status));
    if (response == null) {
      return List.of(route + " answered " + status + ", which is not documented: " + text(body));
    }
    response = resolve(response);
    JsonNode content = response.get("content");
    if (content == null) {
      return body.length == 0
          ? List.of()
          : List.of(route + " " + status + " is documented without a body, got " + text(body));
    }
    String mediaType = contentType.split(";")[0].trim();
    JsonNode described = content.get(mediaType);
    if (described == null) {
      return List.of(
          route
              + " "
              + status
              + " answered "
              + mediaType
              + "; documented: "
              + content.fieldNames());
    }
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      return List.of();
    }
    JsonNode value;
    try {
      value = TestServer.JSON.readTree(body);
    } catch (IOException e) {
      return List.of(route + " " + status + " is not JSON: " + text(body));
    }
    String key = route + " " + status + " " + mediaType;
    JsonSchema schema = schemas.computeIfAbsent(key, k -> compile(described.get("schema")));
    Set<ValidationMessage> messages = schema.validate(value);
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : messages) {
      problems.add(key + ": " + message.getMessage() + " in " + shorten(text(body)));
    }
    return problems;
  }

  /** A response schema on its own: the components beside it, so its $refs resolve. */
  JsonSchema compile(JsonNode schema) {
    ObjectNode wrapper = TestServer.JSON.createObjectNode();
    wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    wrapper.set("components", doc.get("components"));
    wrapper.putArray("allOf").add(schema);
    return FACTORY.getSchema(wrapper);
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : doc.at(ref.asText().substring(1));
  }

  private static String text(byte[] body) {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String shorten(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }
}
