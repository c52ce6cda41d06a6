package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every request to a route under {@code /api/} must be, before its key or handler is looked
 * at: from the server's own origin (or one of {@code allowed-origins}), or from no browser at all
 * (no {@code Origin}: the CLI, curl); with a body only as {@code application/json} in UTF-8; with
 * only the query parameters its route documents in openapi.json. A web page on another origin thus
 * cannot drive the server with a "simple" cross-site request.
 */
final class RequestChecks {
  private final List<String> allowedOrigins;
  private final Map<String, Set<String>> queryNames = queryNames();

  RequestChecks(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  void check(Context ctx) {
    if (!ctx.path().startsWith("/api/")) {
      return;
    }
    origin(ctx);
    contentType(ctx);
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint != null) {
      String route = ctx.method().name() + " " + endpoint.path;
      Query.of(ctx).only(queryNames.getOrDefault(route, Set.of()), route);
    }
  }

  private void origin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || allowedOrigins.contains(origin) || sameOrigin(origin, ctx)) {
      return;
    }
    throw new ApiException(
        403,
        "forbidden_origin",
        "requests from web pages of origin '"
            + Query.shown(origin)
            + "' are refused: only the server's own pages may call the API from a browser"
            + " (list other origins in the allowed-origins setting)",
        "Origin");
  }

  /** The Origin names the host the request was sent to (http or https: a proxy may end TLS). */
  private static boolean sameOrigin(String origin, Context ctx) {
    String host = ctx.header("Host");
    if (host == null) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
          || !("http".equals(scheme) || "https".equals(scheme))) {
        return false;
      }
      return uri.getRawAuthority() != null
          && uri.getRawAuthority().equalsIgnoreCase(host)
          && uri.getRawUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static void contentType(Context ctx) {
    String type = ctx.header("Content-Type");
    long length = ctx.req().getContentLengthLong();
    boolean body = length > 0 || ctx.header("Transfer-Encoding") != null;
    if (type == null && !body) {
      return;
    }
    if (type != null && json(type)) {
      return;
    }
    throw new ApiException(
        415,
        "unsupported_media_type",
        "Content-Type = '"
            + (type == null ? "none" : Query.shown(type))
            + "': expected application/json (UTF-8) for a request body",
        "Content-Type");
  }

  /** {@code application/json}, with no parameter or only {@code charset=utf-8}. */
  static boolean json(String header) {
    String[] parts = header.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (!parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
        return false;
      }
    }
    return true;
  }

  /** "METHOD /path/{param}" -> the query parameters openapi.json gives it. */
  private static Map<String, Set<String>> queryNames() {
    JsonNode doc;
    try {
      doc = Views.JSON.readTree(OpenApi.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Set<String>> names = new HashMap<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          Set<String> query = new HashSet<>();
                          operation
                              .getValue()
                              .path("parameters")
                              .forEach(
                                  p -> {
                                    if ("query".equals(p.path("in").asText())) {
                                      query.add(p.path("name").asText());
                                    }
                                  });
                          names.put(
                              operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                              query);
                        }));
    return names;
  }
}
