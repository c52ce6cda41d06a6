package io.drover.server;

import io.drover.core.project.ProjectRegistry;
import io.drover.examples.DemoProject;
import io.drover.examples.Echo;
import io.drover.sdk.Api;
import io.drover.sdk.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request for every route of a server's route table, with real objects behind its path parameters
 * (a Job, its ended JobRun, a Run, an attempt, an API key), so a test can call each route as a
 * client would. Routes added later are walked too: a parameter this class does not know gets a
 * placeholder value and a body it does not know gets {@code {}}.
 */
final class RouteWalk {
  static final String PROJECT = "demo";
  static final String OTHER = "other";
  static final String JOB = "walk";

  /** One call: the route, the concrete path and the body to send (or null). */
  record Call(RouteTable.Route route, String path, String body) {
    @Override
    public String toString() {
      return route + " as " + route.method() + " " + path;
    }
  }

  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final String JOB_DOCUMENT =
      Docs.job(JOB, Docs.config(2, 2, 60), List.of(Docs.echo("{\"failTimes\":1}")));

  private static final Map<String, String> BODIES =
      Map.of(
          "POST /api/v1/projects/{project}/jobs",
          JOB_DOCUMENT.replace("\"" + JOB + "\"", "\"walk-created\""),
          "PUT /api/v1/projects/{project}/jobs/{jobId}",
          JOB_DOCUMENT,
          "POST /api/v1/projects/{project}/runs",
          "{\"apiName\":\"echo\",\"parameters\":{\"walk\":true}}",
          "POST /api/v1/schedules/preview",
          "{\"schedule\":{\"cron\":\"30 9 * * MON\"},\"from\":\"2026-11-29T10:00:00Z\",\"count\":2}",
          "POST /api/v1/keys",
          "{\"project\":\"" + PROJECT + "\",\"name\":\"made by the route walk\"}");

  private final Map<String, String> values;

  private RouteWalk(Map<String, String> values) {
    this.values = values;
  }

  /** The demo Project and a second one, {@value #OTHER}, with just an echo API. */
  static ProjectRegistry twoProjects() {
    Project other =
        new Project() {
          @Override
          public String name() {
            return OTHER;
          }

          @Override
          public List<Api<?>> apis() {
            return List.of(new Echo());
          }
        };
    return new ProjectRegistry().register(new DemoProject()).register(other);
  }

  /**
   * Makes what the paths point at in {@value #PROJECT}: a Job whose JobRun ended (one Run that
   * failed once, so it has two attempts), and an API key to delete.
   */
  static RouteWalk prepare(TestServer server) {
    server.createJob(JOB_DOCUMENT);
    String jobRunId = server.trigger(JOB);
    server.awaitEnded(jobRunId);
    String runId = server.runs(jobRunId, "").get(0).get("id").asText();
    TestServer.Response key =
        server.post("/api/v1/keys", "{\"project\":\"" + PROJECT + "\",\"name\":\"to delete\"}");
    return new RouteWalk(
        Map.of(
            "project", PROJECT,
            "jobId", JOB,
            "jobRunId", jobRunId,
            "runId", runId,
            "attempt", "1",
            "keyId", key.json().get("id").asText()));
  }

  /** A call per route; those that delete come last, so the others still find what they need. */
  List<Call> calls(RouteTable table) {
    List<Call> calls = new ArrayList<>();
    for (RouteTable.Route route : table.routes()) {
      calls.add(
          new Call(route, path(route.path()), BODIES.getOrDefault(route.toString(), body(route))));
    }
    calls.sort(Comparator.comparing(call -> call.route().method().equals("DELETE")));
    return calls;
  }

  /** The same call in another project's path (a key of {@value #PROJECT} must not get there). */
  static String inProject(Call call, String project) {
    return call.path().replace("/projects/" + PROJECT + "/", "/projects/" + project + "/");
  }

  private String path(String template) {
    Matcher m = PARAMETER.matcher(template);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, values.getOrDefault(m.group(1), "walk-" + m.group(1)));
    }
    m.appendTail(path);
    return path.toString();
  }

  private static String body(RouteTable.Route route) {
    return route.method().equals("POST") || route.method().equals("PUT") ? "{}" : null;
  }
}
