package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.artifact.ArtifactKind;
import io.drover.core.job.AuthSessionRef;
import io.drover.core.job.Configuration;
import io.drover.core.job.SinkConfig;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.NewRun;
import io.drover.core.store.NotFoundException;
import io.drover.core.store.RunRecord;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class RunHandlers {
  private static final List<String> SESSION_FIELDS =
      List.of("id", "checkAttempts", "createAttempts");
  private static final Set<String> FIELDS =
      Set.of("apiName", "parameters", "retry", "requestTimeout", "authSession", "sink");

  private final Handlers.Parts parts;
  private final OtherNodes others;

  RunHandlers(Handlers.Parts parts) {
    this.parts = parts;
    this.others = new OtherNodes(parts.store(), parts.engine().parts().node());
  }

  /**
   * Starts a standalone Run: {"apiName", "parameters"?, "retry": {"maximumAttempts"}?,
   * "requestTimeout"?, "sink"?}; the sink is read and checked as a Job's.
   */
  void create(Context ctx) throws IOException {
    String project = ctx.pathParam("project");
    if (!parts.projects().hasProject(project)) {
      throw new NotFoundException("project '" + project + "' does not exist");
    }
    JsonNode body =
        StrictJson.read(
            Requests.body(ctx, parts.settings()), "a JSON object {\"apiName\", \"parameters\"}");
    if (!body.isObject()) {
      throw ApiException.badRequest("$", "expected a JSON object {\"apiName\", \"parameters\"}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("$." + name, "unknown field; expected one of " + FIELDS);
      }
    }
    JsonNode apiName = body.get("apiName");
    List<String> apis = parts.projects().apiNames(project);
    if (apiName == null || !apiName.isTextual() || !apis.contains(apiName.asText())) {
      throw ApiException.badRequest(
          "$.apiName",
          "apiName = "
              + apiName
              + ": expected one of the APIs of project "
              + project
              + ": "
              + apis);
    }
    AuthSessionRef session = authSession(project, body.get("authSession"));
    JsonNode parameters = body.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw ApiException.badRequest(
          "$.parameters", "parameters = " + shorten(parameters) + ": expected a JSON object");
    }
    JsonNode retry = body.get("retry");
    if (retry != null
        && !retry.isNull()
        && (!retry.isObject() || retry.size() != 1 || !retry.has("maximumAttempts"))) {
      throw ApiException.badRequest("$.retry", "expected {\"maximumAttempts\": 1 to 100}");
    }
    int maximumAttempts =
        retry == null || retry.isNull()
            ? Configuration.DEFAULT_MAXIMUM_ATTEMPTS
            : whole(
                retry.get("maximumAttempts"),
                "$.retry.maximumAttempts",
                Configuration.MAX_MAXIMUM_ATTEMPTS);
    int requestTimeout =
        body.hasNonNull("requestTimeout")
            ? whole(
                body.get("requestTimeout"), "$.requestTimeout", Configuration.MAX_REQUEST_TIMEOUT)
            : Configuration.DEFAULT_REQUEST_TIMEOUT;
    SinkConfig sink = parts.jobs().runSink(project, body.get("sink"));
    String parametersJson =
        parameters == null || parameters.isNull() ? "{}" : parameters.toString();
    RunRecord run =
        parts
            .engine()
            .startRun(
                project,
                new NewRun(apiName.asText(), parametersJson, maximumAttempts, requestTimeout),
                sink,
                session);
    ObjectNode created = Views.object();
    created.put("runId", run.id());
    Requests.json(ctx, 201, created);
  }

  /**
   * A standalone Run's {"id", "checkAttempts"?, "createAttempts"?}: read as a Job's, and the
   * session must be one of the Project's.
   */
  private AuthSessionRef authSession(String project, JsonNode session) {
    if (session == null || session.isNull()) {
      return null;
    }
    if (!session.isObject()) {
      throw ApiException.badRequest(
          "$.authSession",
          "authSession = "
              + shorten(session)
              + ": expected an object {\"id\", \"checkAttempts\"?,"
              + " \"createAttempts\"?}");
    }
    for (Iterator<String> names = session.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!SESSION_FIELDS.contains(name)) {
        throw ApiException.badRequest(
            "$.authSession." + name, "unknown field; expected one of " + SESSION_FIELDS);
      }
    }
    JsonNode id = session.get("id");
    if (id == null || !id.isTextual()) {
      throw ApiException.badRequest(
          "$.authSession.id",
          "authSession.id = " + shorten(id) + ": expected the id of an AuthSession");
    }
    parts
        .engine()
        .authSessions()
        .refusal(project, id.asText())
        .ifPresent(
            expected -> {
              throw ApiException.badRequest(
                  "$.authSession.id", "authSession.id = " + shorten(id) + ": expected " + expected);
            });
    int checkAttempts =
        session.has("checkAttempts")
            ? whole(session.get("checkAttempts"), "$.authSession.checkAttempts", 10)
            : AuthSessionRef.DEFAULT_CHECK_ATTEMPTS;
    int createAttempts =
        session.has("createAttempts")
            ? whole(session.get("createAttempts"), "$.authSession.createAttempts", 10)
            : AuthSessionRef.DEFAULT_CREATE_ATTEMPTS;
    return new AuthSessionRef(id.asText(), checkAttempts, createAttempts);
  }

  void get(Context ctx) {
    RunRecord run = find(ctx);
    List<AttemptRecord> attempts = parts.store().listAttempts(run.id());
    ObjectNode view = Views.run(run, attempts);
    view.set("delivery", DeliveryHandlers.ofRunView(parts.store().deliveries(), run));
    Requests.json(ctx, 200, view);
  }

  /**
   * The attempt's log lines as JSON Lines (empty if it logged nothing); on another node's attempt,
   * a redirect to that node.
   */
  void logs(Context ctx) throws IOException {
    RunRecord run = find(ctx);
    AttemptRecord attempt = existingAttempt(ctx, run);
    Optional<InputStream> logs = parts.artifacts().openLogs(run.id(), attempt.number());
    if (logs.isEmpty() && redirected(ctx, attempt)) {
      return;
    }
    ctx.status(200).contentType("application/x-ndjson");
    if (logs.isPresent()) {
      ctx.result(logs.get());
    } else {
      ctx.result("");
    }
  }

  /** The attempt's trace, video or screenshot; 404 when it has none. */
  void artifact(Context ctx, ArtifactKind kind) throws IOException {
    RunRecord run = find(ctx);
    AttemptRecord attempt = existingAttempt(ctx, run);
    int number = attempt.number();
    Optional<InputStream> found = parts.artifacts().open(run.id(), number, kind);
    if (found.isEmpty() && redirected(ctx, attempt)) {
      return;
    }
    InputStream content =
        found.orElseThrow(
            () -> {
              String gone = others.gone(attempt.node());
              return new NotFoundException(
                  gone == null
                      ? missing(run, number, kind)
                      : "run "
                          + run.id()
                          + " attempt "
                          + number
                          + " has no "
                          + kind.title()
                          + " here: "
                          + gone);
            });
    ctx.status(200)
        .contentType(kind.mediaType())
        .header(
            "Content-Disposition",
            "inline; filename=\"" + run.id() + "-" + number + "-" + kind.fileName() + "\"")
        .result(content);
  }

  /** Sends the client to the node that ran the attempt, if that is another node it can reach. */
  private boolean redirected(Context ctx, AttemptRecord attempt) {
    Optional<String> there = others.locate(attempt.node(), ctx);
    there.ifPresent(url -> ctx.redirect(url, HttpStatus.TEMPORARY_REDIRECT));
    return there.isPresent();
  }

  private static String missing(RunRecord run, int number, ArtifactKind kind) {
    String why =
        switch (kind) {
          case TRACE ->
              "the attempt opened no page, its Job's configuration.trace is off, or is on-failure and the attempt succeeded";
          case VIDEO ->
              "the attempt opened no page, or the server records no video (no ffmpeg, or --video false)";
          case SCREENSHOT -> "screenshots are taken only when an attempt with a page fails";
          case LOGS -> "the attempt logged nothing";
        };
    return "run " + run.id() + " attempt " + number + " has no " + kind.title() + " (" + why + ")";
  }

  private AttemptRecord existingAttempt(Context ctx, RunRecord run) {
    int number = attemptNumber(ctx);
    return parts.store().listAttempts(run.id()).stream()
        .filter(a -> a.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "run "
                        + run.id()
                        + " has no attempt "
                        + number
                        + " (it has "
                        + run.attemptCount()
                        + ")"));
  }

  private RunRecord find(Context ctx) {
    String project = ctx.pathParam("project");
    String id = ctx.pathParam("runId");
    return parts
        .store()
        .findRun(project, id)
        .orElseThrow(
            () -> new NotFoundException("run '" + id + "' does not exist in project " + project));
  }

  private static int attemptNumber(Context ctx) {
    String value = ctx.pathParam("attempt");
    try {
      int number = Integer.parseInt(value);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "attempt", "attempt = '" + value + "': expected an attempt number, 1 or more");
  }

  private static int whole(JsonNode value, String path, int max) {
    if (value == null
        || !value.isIntegralNumber()
        || value.bigIntegerValue().compareTo(java.math.BigInteger.ONE) < 0
        || value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw ApiException.badRequest(
          path, path + " = " + shorten(value) + ": expected a whole number from 1 to " + max);
    }
    return value.asInt();
  }

  private static String shorten(JsonNode value) {
    String text = String.valueOf(value);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
