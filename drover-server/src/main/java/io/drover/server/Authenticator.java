package io.drover.server;

import io.drover.core.store.ApiKeyRecord;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the API key of every request to a matched route under {@code /api/} or {@code /metrics}
 * against the route's {@link RouteAccess}, before its handler runs. Everything else (the
 * dashboard's static files) needs no key. A failure is a 401 or 403 in the one error shape, counted
 * and logged without the key.
 */
final class Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  private static final String KEY_ATTRIBUTE = "drover.apiKey";
  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final boolean required;
  private final Consumer<String> failures;

  /** {@code failures} hears the reason of each refusal (missing, malformed, invalid, forbidden). */
  Authenticator(ApiKeys keys, boolean required, Consumer<String> failures) {
    this.keys = keys;
    this.required = required;
    this.failures = failures;
  }

  void check(Context ctx) {
    String path = ctx.path();
    if (!path.startsWith("/api/") && !path.equals("/metrics")) {
      return;
    }
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    RouteAccess access = endpoint == null ? RouteAccess.ADMIN : RouteAccess.of(endpoint);
    if (access == RouteAccess.PUBLIC || !required) {
      return;
    }
    ApiKeyRecord key = authenticate(ctx);
    String project = key.project();
    if (key.admin() || access == RouteAccess.ANY_KEY) {
      ctx.attribute(KEY_ATTRIBUTE, key);
      return;
    }
    if (access == RouteAccess.ADMIN) {
      throw refuse(
          ctx,
          403,
          "forbidden",
          "this endpoint needs an admin API key; key " + key.id() + " is for project " + project);
    }
    String wanted = ctx.pathParam("project");
    if (!project.equals(wanted)) {
      throw refuse(
          ctx,
          403,
          "forbidden",
          "API key " + key.id() + " is for project " + project + ", not for project " + wanted);
    }
    ctx.attribute(KEY_ATTRIBUTE, key);
  }

  private ApiKeyRecord authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw refuse(
          ctx,
          401,
          "missing",
          "this endpoint needs an API key: send 'Authorization: Bearer <key>' (a server's first"
              + " start writes an admin key to admin.key in its data directory)");
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      throw refuse(
          ctx, 401, "malformed", "the Authorization header must be 'Bearer <key>' (an API key)");
    }
    return keys.find(header.substring(BEARER.length()).trim())
        .orElseThrow(
            () -> refuse(ctx, 401, "invalid", "the API key is not valid (unknown, or deleted)"));
  }

  private ApiException refuse(Context ctx, int status, String reason, String message) {
    failures.accept(reason);
    LOG.warn(
        "refused {} {} from {}: {} ({})",
        ctx.method(),
        ctx.path(),
        ctx.ip(),
        status == 401 ? "authentication failed" : "not allowed",
        reason);
    return new ApiException(status, status == 401 ? "unauthorized" : "forbidden", message, null);
  }

  /**
   * The one project the request's key may see, or empty for an admin key (or when no key is
   * required).
   */
  static Optional<String> projectScope(Context ctx) {
    ApiKeyRecord key = ctx.attribute(KEY_ATTRIBUTE);
    return key == null || key.admin() ? Optional.empty() : Optional.of(key.project());
  }
}
