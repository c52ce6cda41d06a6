package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The edges of the REST API, one table per class of defect (issue 13): each case is a request
 * through the real server and the status, the one JSON error shape and the named path it must get;
 * after each, the Jobs saved are still exactly those made at the start.
 */
class ApiEdgesTest {
  private static final String P = "/api/v1/projects/demo";
  private static final String JSON = "application/json";
  private static final String ALLOWED = "http://tools.example";

  @TempDir static Path dataDir;
  static TestServer server;
  static List<String> jobIds;
  static String jobRunId;
  static Map<String, String> cursors = new LinkedHashMap<>();

  record Case(
      String name,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int status,
      String named) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() {
    server =
        new TestServer(
            dataDir,
            ServerSettings.defaults()
                .withAccess(AccessSettings.defaults().withAllowedOrigins(List.of(ALLOWED))));
    for (String id : List.of("a", "b", "c")) {
      server.createJob(Docs.job(id, Docs.config(1, 2, 60), Docs.echoes(3, "\"sleepMs\":0")));
    }
    jobRunId = server.trigger("a");
    server.awaitEnded(jobRunId);
    server.awaitEnded(server.trigger("a"));
    jobIds = ids();
    cursors.put("jobs", next(P + "/jobs?limit=1"));
    cursors.put("job-runs", next(P + "/jobs/a/job-runs?limit=1"));
    cursors.put("runs", next(P + "/job-runs/" + jobRunId + "/runs?limit=1"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String next(String path) {
    String cursor = server.get(path).json().get("nextCursor").asText();
    assertThat(cursor).isNotBlank();
    return cursor;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    server
        .get(P + "/jobs?limit=1000")
        .json()
        .get("items")
        .forEach(j -> ids.add(j.get("id").asText()));
    return ids;
  }

  private static Case c(String name, String method, String path, int status, String named) {
    return new Case(name, method, path, Map.of("Content-Type", JSON), null, status, named);
  }

  private static Case c(
      String name, String method, String path, String body, int status, String named) {
    return new Case(name, method, path, Map.of("Content-Type", JSON), body, status, named);
  }

  private static Case c(
      String name,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int status,
      String named) {
    return new Case(name, method, path, headers, body, status, named);
  }

  private static String dryJob() {
    return Docs.job("dry", Docs.config(1, 1, 60), List.of(Docs.echo("{}")));
  }

  static Stream<Case> queryFlags() {
    List<Case> cases = new ArrayList<>();
    for (String bad :
        List.of(
            "TRUE",
            "True",
            "1",
            "0",
            "yes",
            "no",
            "on",
            "",
            "t",
            "true%20",
            "%20true",
            "truee",
            "false%00",
            "%ff",
            "null",
            "%22true%22")) {
      cases.add(c("dryRun=" + bad, "POST", P + "/jobs?dryRun=" + bad, dryJob(), 400, "dryRun"));
    }
    for (String name : List.of("dryrun", "DRYRUN", "dry_run", "dry-run", "DryRun", "validate")) {
      cases.add(c(name + "=true", "POST", P + "/jobs?" + name + "=true", dryJob(), 400, name));
    }
    cases.add(
        c("dryRun twice", "POST", P + "/jobs?dryRun=true&dryRun=false", dryJob(), 400, "dryRun"));
    cases.add(
        c(
            "dryRun twice, same",
            "POST",
            P + "/jobs?dryRun=true&dryRun=true",
            dryJob(),
            400,
            "dryRun"));
    for (String type :
        List.of(
            "application/json; charset=latin-1",
            "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16",
            "text/plain",
            "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonx",
            "text/json")) {
      cases.add(
          c(
              "dry run as " + type,
              "POST",
              P + "/jobs?dryRun=true",
              Map.of("Content-Type", type),
              dryJob(),
              415,
              "Content-Type"));
    }
    cases.add(
        c(
            "dry run with no Content-Type",
            "POST",
            P + "/jobs?dryRun=true",
            Map.of(),
            dryJob(),
            415,
            "Content-Type"));
    for (String type :
        List.of(
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/json;charset=UTF-8")) {
      cases.add(
          c(
              "valid dry run as " + type,
              "POST",
              P + "/jobs?dryRun=true",
              Map.of("Content-Type", type),
              dryJob(),
              200,
              null));
    }
    cases.add(c("dryRun=%74rue", "POST", P + "/jobs?dryRun=%74rue", dryJob(), 200, null));
    cases.add(c("dryRun on PUT", "PUT", P + "/jobs/a?dryRun=true", dryJob(), 400, "dryRun"));
    return cases.stream();
  }

  static Stream<Case> listParameters() {
    List<Case> cases = new ArrayList<>();
    Map<String, String> lists =
        Map.of(
            "jobs", P + "/jobs",
            "job-runs", P + "/jobs/a/job-runs",
            "runs", P + "/job-runs/" + jobRunId + "/runs");
    lists.forEach(
        (list, path) -> {
          String good = cursors.get(list);
          String flipped = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
          List<String> badCursors =
              new ArrayList<>(
                  List.of(
                      "garbage",
                      "0",
                      "a",
                      "MTIz",
                      "%00",
                      "!!!",
                      "x".repeat(500),
                      "%ff%fe",
                      flipped,
                      good.substring(1),
                      good.substring(0, good.length() - 2),
                      good + "A"));
          cursors.forEach(
              (other, cursor) -> {
                if (!other.equals(list)) {
                  badCursors.add(cursor);
                }
              });
          for (String cursor : badCursors) {
            cases.add(
                c(list + " cursor=" + cursor, "GET", path + "?cursor=" + cursor, 400, "cursor"));
          }
          for (String limit :
              List.of(
                  "0",
                  "-1",
                  "1001",
                  "abc",
                  "1.5",
                  "%2B5",
                  "%205",
                  "99999999999",
                  "1e2",
                  "",
                  "0x10",
                  "%00")) {
            cases.add(c(list + " limit=" + limit, "GET", path + "?limit=" + limit, 400, "limit"));
          }
          cases.add(c(list + " limit twice", "GET", path + "?limit=1&limit=2", 400, "limit"));
          cases.add(c(list + " unknown parameter", "GET", path + "?sort=id", 400, "sort"));
          cases.add(c(list + " misspelt limit", "GET", path + "?Limit=1", 400, "Limit"));
          cases.add(c(list + " good cursor", "GET", path + "?limit=1&cursor=" + good, 200, null));
        });
    String runs = lists.get("runs");
    for (String status : List.of("NOPE", "completed", "Completed", "1", "%00", "COMPLETED%20")) {
      cases.add(c("runs status=" + status, "GET", runs + "?status=" + status, 400, "status"));
    }
    for (String api : List.of("nope", "ECHO", "echo%20", "%00", "../echo")) {
      cases.add(c("runs apiName=" + api, "GET", runs + "?apiName=" + api, 400, "apiName"));
    }
    cases.add(c("runs status=COMPLETED", "GET", runs + "?status=COMPLETED", 200, null));
    cases.add(c("runs apiName=echo", "GET", runs + "?apiName=echo", 200, null));
    for (String count : List.of("0", "1001", "x", "-5", "%2B3", "1.0", "")) {
      cases.add(
          c("schedule count=" + count, "GET", P + "/jobs/a/schedule?count=" + count, 400, "count"));
    }
    for (String path :
        List.of("/api/v1/projects", "/api/v1/health", "/api/v1/keys", P + "/jobs/a")) {
      cases.add(c(path + "?limit=1 (takes none)", "GET", path + "?limit=1", 400, "limit"));
    }
    String preview = "/api/v1/schedules/preview";
    String every = "{\"type\":\"interval\",\"every\":\"1h\"}";
    for (String from :
        List.of("\"yesterday\"", "1", "\"2026-13-01T00:00:00Z\"", "\"2026-01-01\"", "true")) {
      cases.add(
          c(
              "preview from=" + from,
              "POST",
              preview,
              "{\"schedule\":" + every + ",\"from\":" + from + "}",
              400,
              "$.from"));
    }
    return cases.stream();
  }

  static Stream<Case> errorShape() {
    List<Case> cases = new ArrayList<>();
    for (String path :
        List.of(
            "/api/v1/nothing",
            "/api/v2/projects",
            "/api/",
            "/api/v1/projects/demo/nothing",
            P + "/jobs/a/nothing",
            "/api/v1/keys/x/y")) {
      cases.add(c("GET " + path, "GET", path, 404, null));
    }
    for (String method : List.of("DELETE", "PATCH", "PUT")) {
      cases.add(c(method + " /jobs", method, P + "/jobs", 405, null));
      cases.add(c(method + " /health", method, "/api/v1/health", 405, null));
    }
    cases.add(c("POST /jobs/a/job-runs", "POST", P + "/jobs/a/job-runs", 405, null));
    cases.add(c("GET /jobs/a/trigger", "GET", P + "/jobs/a/trigger", 405, null));
    cases.add(c("PATCH /jobs/a", "PATCH", P + "/jobs/a", 405, null));
    for (String bad : List.of("%00", "%", "%zz", "%ff", "%c0%af", "a%2", "%e2%82")) {
      cases.add(c("path with " + bad, "GET", P + "/jobs/" + bad, 400, null));
    }
    cases.add(c("path with %2e%2e%2f", "GET", P + "/jobs/%2e%2e%2f", 404, null));
    for (String bad : List.of("%zz", "%", "%z", "%G0", "%ff", "%c0%af")) {
      cases.add(c("dryRun=" + bad, "POST", P + "/jobs?dryRun=" + bad, 400, "dryRun"));
      cases.add(c("limit=" + bad, "GET", P + "/jobs?limit=" + bad, 400, "limit"));
      cases.add(c("cursor=" + bad, "GET", P + "/jobs/a/job-runs?cursor=" + bad, 400, "cursor"));
    }
    cases.add(c("long id", "GET", P + "/jobs/" + "x".repeat(20_000), 414, null));
    cases.add(c("long cursor", "GET", P + "/jobs?cursor=" + "x".repeat(20_000), 414, null));
    cases.add(
        c(
            "64 KB header",
            "GET",
            P + "/jobs",
            Map.of("X-Big", "y".repeat(64 * 1024)),
            null,
            431,
            null));
    return cases.stream();
  }

  static Stream<Case> contentTypes() {
    List<Case> cases = new ArrayList<>();
    String job = Docs.job("cross", Docs.config(1, 1, 60), List.of(Docs.echo("{}")));
    Map<String, String> bodies =
        Map.of(
            P + "/jobs",
            job,
            P + "/jobs/a",
            job.replace("cross", "a"),
            P + "/runs",
            "{\"apiName\":\"echo\"}",
            "/api/v1/schedules/preview",
            "{\"schedule\":{\"type\":\"interval\",\"every\":\"1h\"}}",
            "/api/v1/keys",
            "{\"admin\":true}");
    bodies.forEach(
        (path, body) -> {
          String method = path.equals(P + "/jobs/a") ? "PUT" : "POST";
          for (String type :
              List.of(
                  "text/plain",
                  "application/x-www-form-urlencoded",
                  "multipart/form-data; boundary=b",
                  "application/xml",
                  "application/json; charset=latin-1",
                  "application/json; q=1",
                  "")) {
            Map<String, String> headers = type.isEmpty() ? Map.of() : Map.of("Content-Type", type);
            cases.add(
                c(
                    method + " " + path + " as '" + type + "'",
                    method,
                    path,
                    headers,
                    body,
                    415,
                    "Content-Type"));
          }
          for (String origin :
              List.of(
                  "http://evil.example",
                  "null",
                  "http://127.0.0.1.evil.example",
                  "https://tools.example",
                  "http://tools.example:8080",
                  "file://")) {
            cases.add(
                c(
                    method + " " + path + " from " + origin,
                    method,
                    path,
                    Map.of("Content-Type", JSON, "Origin", origin),
                    body,
                    403,
                    "Origin"));
          }
        });
    for (String path : List.of(P + "/jobs/a/trigger", P + "/jobs/a/pause", P + "/jobs/a/resume")) {
      cases.add(
          c(
              "POST " + path + " as text/plain",
              "POST",
              path,
              Map.of("Content-Type", "text/plain"),
              "",
              415,
              "Content-Type"));
      cases.add(
          c(
              "POST " + path + " from evil",
              "POST",
              path,
              Map.of("Origin", "http://evil.example"),
              null,
              403,
              "Origin"));
    }
    for (String path : List.of(P + "/jobs", P + "/jobs/a", "/api/v1/projects")) {
      cases.add(
          c(
              "GET " + path + " from evil",
              "GET",
              path,
              Map.of("Origin", "http://evil.example"),
              null,
              403,
              "Origin"));
      cases.add(
          c(
              "GET " + path + " from an allowed origin",
              "GET",
              path,
              Map.of("Origin", ALLOWED),
              null,
              200,
              null));
    }
    cases.add(
        c(
            "DELETE /jobs/a from evil",
            "DELETE",
            P + "/jobs/a",
            Map.of("Origin", "http://evil.example"),
            null,
            403,
            "Origin"));
    cases.add(
        c(
            "dry run from the allowed origin",
            "POST",
            P + "/jobs?dryRun=true",
            Map.of("Content-Type", JSON, "Origin", ALLOWED),
            job,
            200,
            null));
    cases.add(
        c("CLI-like: no Origin, no body", "POST", P + "/jobs/b/pause", Map.of(), null, 200, null));
    cases.add(c("CLI-like: resume", "POST", P + "/jobs/b/resume", Map.of(), null, 200, null));
    return cases.stream();
  }

  static Stream<Case> strictBodies() {
    List<Case> cases = new ArrayList<>();
    String runs = P + "/runs";
    // The Job document's reader names a control character without the JSON library's advice.
    for (String where : List.of("payload item", "top level")) {
      String doc =
          where.equals("top level")
              ? "{\"id\":\"ctl\",\u001e\"payload\":[]}"
              : Docs.job("ctl", "{}", List.of("{\"apiName\":\"echo\",\u001e\"parameters\":{}}"));
      for (String dry : List.of("", "?dryRun=true")) {
        cases.add(
            c(
                "a control character in the " + where + dry,
                "POST",
                P + "/jobs" + dry,
                doc,
                400,
                where.equals("top level") ? "$.id" : "$.payload[0].apiName"));
      }
    }
    cases.add(
        c(
            "requestTimeout 2^64+1",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"requestTimeout\":18446744073709551617}",
            400,
            "$.requestTimeout"));
    cases.add(
        c(
            "maximumAttempts 2^64+2",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"retry\":{\"maximumAttempts\":18446744073709551618}}",
            400,
            "$.retry.maximumAttempts"));
    cases.add(
        c(
            "requestTimeout 2^32+5",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"requestTimeout\":4294967301}",
            400,
            "$.requestTimeout"));
    cases.add(
        c(
            "requestTimeout 5.0",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"requestTimeout\":5.0}",
            400,
            "$.requestTimeout"));
    cases.add(
        c(
            "requestTimeout 5e0",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"requestTimeout\":5e0}",
            400,
            "$.requestTimeout"));
    cases.add(
        c(
            "requestTimeout \"5\"",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"requestTimeout\":\"5\"}",
            400,
            "$.requestTimeout"));
    cases.add(
        c(
            "parameter 1e99999",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"a\":1e99999}}",
            400,
            "$.parameters.a"));
    cases.add(
        c(
            "parameter 1e-99999",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"b\":1e-99999}}",
            400,
            "$.parameters.b"));
    cases.add(
        c(
            "parameter -1e400",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"c\":[1,-1e400]}}",
            400,
            "$.parameters.c[1]"));
    cases.add(
        c(
            "lone surrogate",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"s\":\"\\ud800\"}}",
            400,
            "$.parameters.s"));
    cases.add(
        c(
            "lone low surrogate",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"s\":\"x\\udc00y\"}}",
            400,
            "$.parameters.s"));
    cases.add(
        c(
            "surrogate in a key",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"\\ud800\":1}}",
            400,
            "$.parameters"));
    cases.add(
        c(
            "duplicate apiName",
            "POST",
            runs,
            "{\"apiName\":\"list\",\"apiName\":\"echo\"}",
            400,
            "$.apiName"));
    cases.add(
        c(
            "duplicate parameter",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"parameters\":{\"x\":1,\"x\":2}}",
            400,
            "$.parameters.x"));
    cases.add(
        c(
            "duplicate in retry",
            "POST",
            runs,
            "{\"apiName\":\"echo\",\"retry\":{\"maximumAttempts\":1,\"maximumAttempts\":2}}",
            400,
            "$.retry.maximumAttempts"));
    cases.add(c("trailing garbage", "POST", runs, "{\"apiName\":\"echo\"} x", 400, null));
    cases.add(c("two documents", "POST", runs, "{\"apiName\":\"echo\"}{}", 400, null));
    cases.add(c("single quotes", "POST", runs, "{'apiName':'echo'}", 400, null));
    cases.add(c("comment", "POST", runs, "{/*x*/\"apiName\":\"echo\"}", 400, null));
    cases.add(
        c("NaN", "POST", runs, "{\"apiName\":\"echo\",\"parameters\":{\"n\":NaN}}", 400, null));
    cases.add(c("empty body", "POST", runs, "", 400, "$"));
    String preview = "/api/v1/schedules/preview";
    String every = "{\"type\":\"interval\",\"every\":\"1h\"}";
    cases.add(
        c(
            "preview duplicate schedule",
            "POST",
            preview,
            "{\"schedule\":" + every + ",\"schedule\":" + every + "}",
            400,
            "$.schedule"));
    cases.add(
        c(
            "preview duplicate in schedule",
            "POST",
            preview,
            "{\"schedule\":{\"type\":\"interval\",\"type\":\"interval\",\"every\":\"1h\"}}",
            400,
            "$.schedule.type"));
    cases.add(
        c(
            "preview count 2^64",
            "POST",
            preview,
            "{\"schedule\":" + every + ",\"count\":18446744073709551616}",
            400,
            "$.count"));
    cases.add(
        c(
            "preview count 3.0",
            "POST",
            preview,
            "{\"schedule\":" + every + ",\"count\":3.0}",
            400,
            "$.count"));
    cases.add(
        c(
            "preview lone surrogate",
            "POST",
            preview,
            "{\"schedule\":" + every + ",\"from\":\"\\ud800\"}",
            400,
            "$.from"));
    cases.add(
        c(
            "keys duplicate",
            "POST",
            "/api/v1/keys",
            "{\"project\":\"demo\",\"project\":\"other\"}",
            400,
            "$.project"));
    cases.add(
        c(
            "keys surrogate",
            "POST",
            "/api/v1/keys",
            "{\"project\":\"demo\",\"name\":\"\\udfff\"}",
            400,
            "$.name"));
    for (String calendar : List.of("{\"year\":2020}", "{\"year\":{\"start\":2000,\"end\":2020}}")) {
      String doc =
          "{\"id\":\"past\",\"payload\":[{\"apiName\":\"echo\"}],"
              + "\"schedule\":{\"calendars\":["
              + calendar
              + "]}}";
      cases.add(c("never fires: " + calendar, "POST", P + "/jobs", doc, 400, "$.schedule"));
      cases.add(
          c(
              "never fires, dry run: " + calendar,
              "POST",
              P + "/jobs?dryRun=true",
              doc,
              400,
              "$.schedule"));
    }
    cases.add(
        c(
            "fires in 2099, dry run",
            "POST",
            P + "/jobs?dryRun=true",
            "{\"id\":\"later\",\"payload\":[{\"apiName\":\"echo\"}],"
                + "\"schedule\":{\"calendars\":[{\"year\":2099}]}}",
            200,
            null));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queryFlags")
  void queryFlagsParseStrictlyAndADryRunNeverSaves(Case c) {
    check(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listParameters")
  void badListParametersAreA400NamingTheParameter(Case c) {
    check(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorShape")
  void everyAnswerUnderApiIsTheOneErrorShape(Case c) {
    Map<String, String> headers = new LinkedHashMap<>(c.headers());
    headers.put("Authorization", "Bearer " + server.adminKey);
    RawHttp.Answer answer =
        RawHttp.send(server.server.port(), c.method() + " " + c.path() + " HTTP/1.1", headers);
    // Jetty now and then reads a 20 KB request line that arrives in pieces as HTTP/0.9 (505)
    // rather than too long (414); seen once in ~10 CI runs. Either way it is refused, and in the
    // one error shape, which is what this checks.
    List<Integer> expected = c.status() == 414 ? List.of(414, 505) : List.of(c.status());
    assertThat(answer.status()).as(answer.body()).isIn(expected);
    assertThat(answer.headers().get("content-type")).startsWith(JSON);
    JsonNode error = errorOf(answer.body());
    assertThat(error.get("message").asText()).doesNotContain("<html", "Endpoint ");
    if (c.named() != null) {
      assertThat(error.path("path").asText()).as(answer.body()).isEqualTo(c.named());
    }
    if (c.status() == 405) {
      assertThat(answer.headers().get("allow")).as("Allow").isNotBlank();
      assertThat(answer.headers().get("allow")).doesNotContain(c.method());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contentTypes")
  void bodiesMustBeJsonAndOtherOriginsAreRefused(Case c) {
    check(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strictBodies")
  void everyBodyIsReadByTheStrictReader(Case c) {
    check(c);
  }

  @Test
  void thereAreAtLeastThreeHundredCases() {
    long count =
        Stream.of(queryFlags(), listParameters(), errorShape(), contentTypes(), strictBodies())
            .mapToLong(Stream::count)
            .sum();
    assertThat(count).isGreaterThanOrEqualTo(300);
  }

  @Test
  void cursorsPageThroughEveryJobOnce() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          server.get(P + "/jobs?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("items").forEach(j -> seen.add(j.get("id").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(jobIds);
  }

  private static void check(Case c) {
    TestServer.Exchange answer = server.exchange(c.method(), c.path(), c.body(), c.headers());
    assertThat(answer.status()).as(answer.body()).isEqualTo(c.status());
    if (c.status() >= 400) {
      JsonNode error = errorOf(answer.body());
      if (c.named() != null) {
        assertThat(error.path("path").asText()).as(answer.body()).isEqualTo(c.named());
      }
      assertThat(error.get("message").asText())
          .doesNotContain("Feature", "enable ", "Jackson", "fasterxml", "`");
    }
    assertThat(ids()).as("the Jobs after " + c).isEqualTo(jobIds);
  }

  private static JsonNode errorOf(String body) {
    JsonNode json;
    try {
      json = TestServer.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
    assertThat(json.fieldNames()).toIterable().containsExactly("error");
    JsonNode error = json.get("error");
    assertThat(error.get("code").isTextual()).as(body).isTrue();
    assertThat(error.get("message").isTextual()).as(body).isTrue();
    assertThat(error.size()).as(body).isLessThanOrEqualTo(4);
    return error;
  }
}
