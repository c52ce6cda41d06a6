package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.router.ParsedEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard has no private API: every request its JavaScript makes goes through api.js to a
 * route of the server's own table under /api/v1, and every file it loads is served.
 */
class DashboardRoutesTest {
  @TempDir static Path dataDir;
  static TestServer server;
  static List<ParsedEndpoint> routes;

  @BeforeAll
  static void start() {
    ServerSettings settings =
        ServerSettings.defaults()
            .withBrowser(ServerSettings.defaults().browser().withEnabled(false));
    server = new TestServer(dataDir, settings);
    routes = server.server.endpoints();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static boolean routed(String method, String path) {
    return routes.stream()
        .anyMatch(
            r -> (method == null || r.endpoint.method.name().equals(method)) && r.matches(path));
  }

  @Test
  void everyApiCallOfTheDashboardGoesToARouteOfTheServer() {
    List<DashboardSources.Call> calls = new ArrayList<>();
    DashboardSources.scripts().forEach(f -> calls.addAll(DashboardSources.apiCalls(f)));

    assertThat(calls).as("the dashboard's API calls").hasSizeGreaterThan(25);
    assertThat(calls).allSatisfy(c -> assertThat(c.path()).startsWith("/api/v1/"));
    List<DashboardSources.Call> unrouted =
        calls.stream().filter(c -> !routed(c.method(), c.path())).toList();
    assertThat(unrouted).as("calls to no route of the server").isEmpty();
    assertThat(calls)
        .extracting(c -> c.method() + " " + c.path())
        .contains(
            "POST /api/v1/projects/x/jobs",
            "GET /api/v1/projects/x/job-runs/x/runs",
            "POST /api/v1/schedules/preview",
            "GET /api/v1/projects/x/runs/x/attempts/x/video",
            "GET /api/v1/projects/x/auth-sessions",
            "PUT /api/v1/projects/x/auth-sessions/x/storage-state");
  }

  @Test
  void theRouteCheckRejectsAPathTheServerDoesNotHave() {
    assertThat(routed("GET", "/api/v1/projects/x/jobs/x")).isTrue();
    assertThat(routed("GET", "/api/v1/projects/x/jobs/x/secret-stats")).isFalse();
    assertThat(routed("DELETE", "/api/v1/projects/x/job-runs/x")).isFalse();
  }

  @Test
  void everyLiteralApiUrlAnywhereInTheScriptsIsARoute() {
    List<DashboardSources.Call> literals = new ArrayList<>();
    DashboardSources.scripts().forEach(f -> literals.addAll(DashboardSources.apiLiterals(f)));

    assertThat(literals)
        .allSatisfy(
            l -> assertThat(routed(null, l.path())).as(l.toString() + " is a route").isTrue());
  }

  @Test
  void onlyApiJsTalksToTheServer() {
    for (Path script : DashboardSources.scripts()) {
      String source = DashboardSources.read(script);
      if (DashboardSources.name(script).equals("js/api.js")) {
        assertThat(source).contains("fetch(path");
        continue;
      }
      assertThat(source)
          .as(DashboardSources.name(script))
          .doesNotContain("fetch(")
          .doesNotContain("XMLHttpRequest")
          .doesNotContain("EventSource")
          .doesNotContain("sendBeacon");
    }
  }

  @Test
  void everyModuleImportAndPageAssetExists() throws Exception {
    Pattern imports = Pattern.compile("from '(\\.{1,2}/[^']+)'");
    for (Path script : DashboardSources.scripts()) {
      Matcher m = imports.matcher(DashboardSources.read(script));
      while (m.find()) {
        Path target = script.getParent().resolve(m.group(1)).normalize();
        assertThat(target).as(DashboardSources.name(script) + " imports " + m.group(1)).exists();
      }
    }
    String index = Files.readString(DashboardSources.ROOT.resolve("index.html"));
    Matcher assets = Pattern.compile("(?:href|src)=\"([^\"#][^\"]*)\"").matcher(index);
    while (assets.find()) {
      assertThat(DashboardSources.ROOT.resolve(assets.group(1))).exists();
    }
  }

  @Test
  void theServerServesTheDashboardMonacoAndTheTraceViewerWithoutAKey() {
    String monaco =
        DashboardSources.read(DashboardSources.ROOT.resolve("js/monaco.js"))
            .lines()
            .filter(l -> l.startsWith("const VS = "))
            .findFirst()
            .orElseThrow()
            .replaceAll("const VS = '([^']+)';", "$1");
    expect("/", 200, "text/html", "<script type=\"module\" src=\"js/main.js\">");
    expect("/js/api.js", 200, "text/javascript", "export const api");
    expect("/css/dashboard.css", 200, "text/css", ":root");
    expect(monaco + "/loader.js", 200, "text/javascript", "");
    expect(monaco + "/editor/editor.main.js", 200, "text/javascript", "");
    expect(monaco + "/language/json/jsonWorker.js", 200, "text/javascript", "");
    expect("/trace-viewer/index.html", 200, "text/html", "Playwright Trace Viewer");
    // The viewer registers its service worker from the same folder, which becomes its scope.
    expect("/trace-viewer/sw.bundle.js", 200, "text/javascript", "self.addEventListener");
    expect("/trace-viewer/snapshot.html", 200, "text/html", "");

    TestServer.Download missing = server.download("/api/v1/projects/demo/no-such-thing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).as("an API 404 is not the dashboard").doesNotContain("html");
    assertThat(server.get("/api/v1/projects").json().get("items").get(0).get("name").asText())
        .isEqualTo("demo");
  }

  private static void expect(String path, int status, String type, String content) {
    TestServer.Download file = server.download(path);
    assertThat(file.status()).as(path).isEqualTo(status);
    assertThat(file.contentType()).as(path).startsWith(type);
    assertThat(file.text()).as(path).contains(content);
  }
}
