package io.drover.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.artifact.ArtifactKind;
import io.drover.core.job.InvalidDocumentException;
import io.drover.core.job.Problem;
import io.drover.core.store.ConflictException;
import io.drover.core.store.NotFoundException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route table of the REST API, and the one place exceptions become HTTP errors. */
final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  private static final String P = "/api/v1/projects/{project}";

  private Routes() {}

  /**
   * A route's access to API keys is its role ({@link RouteAccess}); one given none is open to an
   * admin key, or to a key of the route's {project}.
   */
  /** Threads serving HTTP requests; more wait in Jetty's queue. */
  static final int HTTP_THREADS = 32;

  /**
   * A bounded pool: on a machine of few cores, 200 clients served by 200 threads at once spend the
   * CPU switching between them and take it from the engine; a queue costs them nothing.
   */
  private static QueuedThreadPool httpThreads() {
    QueuedThreadPool pool = new QueuedThreadPool(HTTP_THREADS, 4);
    pool.setName("drover-http");
    return pool;
  }

  static void configure(JavalinConfig config, Handlers h, ServerSettings settings) {
    config.startup.showJavalinBanner = false;
    config.http.maxRequestSize = settings.maxRequestBytes();
    config.http.prefer405over404 = true;
    config.jetty.threadPool = httpThreads();
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyErrors()));
    StaticAssets.configure(config);
    config.requestLogger.http((ctx, millis) -> countRequest(h.metrics, ctx, millis));
    var r = config.routes;
    RequestChecks checks = new RequestChecks(settings.access().allowedOrigins());
    r.beforeMatched(checks::check);
    r.beforeMatched(h.auth::check);
    r.get("/api/v1/health", h.system::health, RouteAccess.PUBLIC);
    r.get("/api/v1/openapi.json", h.system::openApi, RouteAccess.ANY_KEY);
    r.get("/metrics", ctx -> metrics(h.metrics, ctx), RouteAccess.ADMIN);
    r.get("/api/v1/projects", h.system::projects, RouteAccess.ANY_KEY);
    r.get("/api/v1/schemas/job.json", h.system::jobSchema, RouteAccess.ANY_KEY);

    r.post("/api/v1/keys", h.keys::create, RouteAccess.ADMIN);
    r.get("/api/v1/keys", h.keys::list, RouteAccess.ADMIN);
    r.delete("/api/v1/keys/{keyId}", h.keys::delete, RouteAccess.ADMIN);
    r.get("/api/v1/cluster/nodes", h.cluster::nodes, RouteAccess.ADMIN);

    r.post(P + "/jobs", h.jobs::create);
    r.get(P + "/jobs", h.jobs::list);
    r.get(P + "/jobs/{jobId}", h.jobs::get);
    r.put(P + "/jobs/{jobId}", h.jobs::replace);
    r.delete(P + "/jobs/{jobId}", h.jobs::delete);
    r.post(P + "/jobs/{jobId}/trigger", h.jobs::trigger);
    r.post(P + "/jobs/{jobId}/pause", h.jobs::pause);
    r.post(P + "/jobs/{jobId}/resume", h.jobs::resume);
    r.get(P + "/jobs/{jobId}/job-runs", h.jobRuns::listOfJob);
    r.get(P + "/jobs/{jobId}/schedule", h.schedules::ofJob);
    r.post("/api/v1/schedules/preview", h.schedules::preview, RouteAccess.ANY_KEY);

    r.get(P + "/job-runs/{jobRunId}", h.jobRuns::get);
    r.post(P + "/job-runs/{jobRunId}/terminate", h.jobRuns::terminate);
    r.get(P + "/job-runs/{jobRunId}/runs", h.jobRuns::runs);
    r.get(P + "/job-runs/{jobRunId}/export", h.jobRuns::export);
    r.get(P + "/job-runs/{jobRunId}/deliveries", h.deliveries::ofJobRun);
    r.post(P + "/job-runs/{jobRunId}/redeliver", h.deliveries::redeliverJobRun);
    r.get(P + "/runs/{runId}/deliveries", h.deliveries::ofRun);
    r.post(P + "/deliveries/{deliveryId}/redeliver", h.deliveries::redeliver);

    r.post(P + "/auth-sessions", h.authSessions::create);
    r.get(P + "/auth-sessions", h.authSessions::list);
    r.get(P + "/auth-sessions/{sessionId}", h.authSessions::get);
    r.delete(P + "/auth-sessions/{sessionId}", h.authSessions::delete);
    r.put(P + "/auth-sessions/{sessionId}/storage-state", h.authSessions::uploadState);
    r.put(P + "/auth-sessions/{sessionId}/credentials", h.authSessions::replaceCredentials);
    r.post(P + "/auth-sessions/{sessionId}/validate", h.authSessions::validate);

    r.post(P + "/runs", h.runs::create);
    r.get(P + "/runs/{runId}", h.runs::get);
    r.get(P + "/runs/{runId}/attempts/{attempt}/logs", h.runs::logs);
    r.get(
        P + "/runs/{runId}/attempts/{attempt}/trace",
        ctx -> h.runs.artifact(ctx, ArtifactKind.TRACE));
    r.get(
        P + "/runs/{runId}/attempts/{attempt}/video",
        ctx -> h.runs.artifact(ctx, ArtifactKind.VIDEO));
    r.get(
        P + "/runs/{runId}/attempts/{attempt}/screenshot",
        ctx -> h.runs.artifact(ctx, ArtifactKind.SCREENSHOT));

    r.exception(InvalidDocumentException.class, Routes::invalid);
    r.exception(ApiException.class, Routes::apiError);
    r.exception(
        NotFoundException.class, (e, ctx) -> error(ctx, 404, "not_found", e.getMessage(), null));
    r.exception(
        ConflictException.class, (e, ctx) -> error(ctx, 409, "conflict", e.getMessage(), null));
    r.exception(HttpResponseException.class, Routes::http);
    r.exception(Exception.class, Routes::unexpected);
    r.error(
        404,
        "*",
        ctx -> {
          if (ctx.result() == null) {
            error(
                ctx,
                404,
                "not_found",
                "no such endpoint: " + ctx.method() + " " + ctx.path(),
                null);
          }
        });
    r.error(
        405,
        "*",
        ctx ->
            error(
                ctx,
                405,
                "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path(),
                null));
  }

  private static void metrics(Metrics metrics, Context ctx) throws java.io.IOException {
    ctx.status(200).contentType(Metrics.CONTENT_TYPE);
    metrics.write(ctx.outputStream());
  }

  private static void countRequest(Metrics metrics, Context ctx, float millis) {
    var endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    metrics
        .httpRequests
        .labelValues(ctx.method().name(), route, Integer.toString(ctx.statusCode()))
        .inc();
    metrics.httpDuration.labelValues(ctx.method().name(), route).observe(millis / 1000.0);
  }

  /** Javalin's own answers (no such route, wrong method, bad request line) in the one shape. */
  private static void http(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    if (status == 404) {
      error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
    } else if (status == 405) {
      String allowed = e.getDetails().getOrDefault("availableMethods", "");
      ctx.header("Allow", allowed);
      error(
          ctx,
          405,
          "method_not_allowed",
          ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed,
          null);
    } else {
      error(ctx, status, status >= 500 ? "internal" : "http_" + status, e.getMessage(), null);
    }
  }

  private static void apiError(ApiException e, Context ctx) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"drover\"");
    }
    error(ctx, e.status(), e.code(), e.getMessage(), e.path());
  }

  private static void invalid(InvalidDocumentException e, Context ctx) {
    ObjectNode body = errorBody("invalid_document", e.getMessage(), e.problems().get(0).path());
    ArrayNode problems = ((ObjectNode) body.get("error")).putArray("problems");
    for (Problem problem : e.problems()) {
      ObjectNode p = problems.addObject();
      p.put("path", problem.path());
      p.put("message", problem.message());
    }
    ctx.status(400).contentType("application/json").result(body.toString());
  }

  private static void unexpected(Exception e, Context ctx) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof BodyTooLargeException tooLarge) {
        Requests.discardRest(ctx);
        error(ctx, 413, "too_large", tooLarge.getMessage(), null);
        return;
      }
      if (cause instanceof InvalidDocumentException invalid) {
        invalid(invalid, ctx);
        return;
      }
      cause = cause.getCause();
    }
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    error(
        ctx,
        500,
        "internal",
        "internal error: " + e.getClass().getSimpleName() + " (see the server log)",
        null);
  }

  static void error(Context ctx, int status, String code, String message, String path) {
    ctx.status(status)
        .contentType("application/json")
        .result(errorBody(code, message, path).toString());
  }

  private static ObjectNode errorBody(String code, String message, String path) {
    ObjectNode body = Views.object();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (path != null) {
      error.put("path", path);
    }
    return body;
  }
}
