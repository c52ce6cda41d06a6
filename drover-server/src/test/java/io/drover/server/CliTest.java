package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.drover.server.cli.CliRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI (its main entry, in this JVM, output captured) against a real server. The key comes
 * from the admin.key the server wrote, found through DROVER_DATA; the URL from DROVER_URL.
 */
class CliTest {
  @TempDir Path dataDir;
  @TempDir Path files;
  private TestServer server;
  private Map<String, String> env;

  @BeforeEach
  void start() {
    server =
        new TestServer(
            dataDir,
            ServerSettings.defaults()
                .withBrowser(ServerSettings.defaults().browser().withEnabled(false)));
    env =
        new HashMap<>(
            Map.of("DROVER_URL", server.server.baseUrl(), "DROVER_DATA", dataDir.toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRunner.Result drover(String... args) {
    return CliRunner.run(env, args);
  }

  private Path file(String name, String content) throws IOException {
    Path file = files.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void applyCreatesAJobThenReplacesItAndListShowsIt() throws IOException {
    Path job = file("job.json", Docs.job("cli-job", Docs.config(2, 2, 60), Docs.echoes(3, "")));

    CliRunner.Result created = drover("jobs", "apply", "-f", job.toString());
    CliRunner.Result replaced = drover("jobs", "apply", "-f", job.toString());
    CliRunner.Result table = drover("jobs", "list");
    CliRunner.Result json = drover("jobs", "list", "--json");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("job cli-job created (version 1, 3 payload items)");
    assertThat(replaced.out()).contains("job cli-job replaced (version 2");
    assertThat(table.out().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).startsWith("ID"));
    assertThat(table.out()).contains("cli-job").contains("ACTIVE");
    JsonNode listed = json.json();
    assertThat(listed.isArray()).isTrue();
    assertThat(listed.get(0).get("id").asText()).isEqualTo("cli-job");
    assertThat(listed.get(0).get("version").asInt()).isEqualTo(2);
    assertThat(drover("jobs", "get", "cli-job", "--json").json().get("document").get("id").asText())
        .isEqualTo("cli-job");
  }

  @Test
  void aBadJobFilePrintsThePathOfEachProblemAndExitsNonZero() throws IOException {
    Path bad =
        file(
            "bad.json",
            "{\"id\":\"bad job!\",\"payload\":[{\"apiName\":\"nope\",\"parameters\":{}}],"
                + "\"configuration\":{\"maximumAttempts\":0}}");

    CliRunner.Result result = drover("jobs", "apply", "-f", bad.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(bad + " was not saved")
        .contains("  $.id:")
        .contains("  $.payload[0].apiName:")
        .contains("  $.configuration.maximumAttempts:");
    assertThat(drover("jobs", "list", "--json").json()).isEmpty();
  }

  @Test
  void triggerFollowExitsZeroWhenEveryRunCompletedAndOneWhenARunFailed() throws IOException {
    drover(
        "jobs",
        "apply",
        "-f",
        file("ok.json", Docs.job("ok", Docs.config(2, 2, 60), Docs.echoes(4, "\"failTimes\":1")))
            .toString());
    drover(
        "jobs",
        "apply",
        "-f",
        file(
                "ko.json",
                Docs.job(
                    "ko",
                    Docs.config(2, 2, 60),
                    List.of(Docs.echo("{}"), Docs.echo("{\"failTimes\":5}"))))
            .toString());

    CliRunner.Result ok = drover("jobs", "trigger", "ok", "--follow");
    CliRunner.Result ko = drover("jobs", "trigger", "ko", "--follow", "--json");

    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.err()).contains("[##############################] 4/4");
    assertThat(ok.out()).contains("COMPLETED: 4 completed, 0 failed");
    assertThat(ko.exitCode()).isEqualTo(1);
    JsonNode jobRun = ko.json();
    assertThat(jobRun.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(jobRun.get("counts").get("failed").asInt()).isEqualTo(1);
    CliRunner.Result runs =
        drover("job-runs", "runs", jobRun.get("id").asText(), "--status", "FAILED");
    assertThat(runs.out()).contains("failing on purpose");
    assertThat(drover("job-runs", "list", "ko", "--json").json()).hasSize(1);
  }

  @Test
  void aStandaloneRunWaitsForItsResultAndShowsItsLogs() {
    CliRunner.Result run =
        drover(
            "runs",
            "start",
            "echo",
            "--params",
            "{\"log\":\"hello from echo\"}",
            "--wait",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode done = run.json();
    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.get("result").get("echo").get("log").asText()).isEqualTo("hello from echo");
    String runId = done.get("id").asText();
    assertThat(drover("runs", "logs", runId).out()).contains("hello from echo");
    assertThat(drover("runs", "get", runId).out()).contains("COMPLETED").contains("SUCCEEDED");
    CliRunner.Result trace =
        drover("runs", "trace", runId, "-o", files.resolve("t.zip").toString());
    assertThat(trace.exitCode()).isEqualTo(1);
    assertThat(trace.err()).contains("has no Playwright trace").contains("HTTP 404");
  }

  @Test
  void schedulePreviewPrintsFireTimesAndNamesABadField() throws IOException {
    Path schedule =
        file("schedule.json", "{\"cron\":\"30 9 * * MON\",\"timezone\":\"Europe/Paris\"}");
    Path bad = file("bad-schedule.json", "{\"calendars\":[{\"hour\":25}]}");

    CliRunner.Result times =
        drover(
            "schedule",
            "preview",
            "-f",
            schedule.toString(),
            "--from",
            "2026-11-29T10:00:00Z",
            "--count",
            "2");
    CliRunner.Result wrong = drover("schedule", "preview", "-f", bad.toString());

    assertThat(times.out().lines().toList())
        .containsExactly("2026-11-30T08:30:00Z", "2026-12-07T08:30:00Z");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("$.schedule.calendars[0].hour");
  }

  @Test
  void keysCreatePrintsAKeyThatWorksForItsProjectOnly() {
    CliRunner.Result made = drover("keys", "create", "--project", "demo", "--name", "ci");
    CliRunner.Result neither = drover("keys", "create");

    assertThat(made.exitCode()).as(made.err()).isZero();
    String key = made.out().trim();
    assertThat(key).startsWith("drv_");
    assertThat(made.err()).contains("only time it is shown");
    env.remove("DROVER_DATA");
    env.put("DROVER_KEY", key);
    assertThat(drover("jobs", "list").exitCode()).isZero();
    CliRunner.Result keys = drover("keys", "list");
    assertThat(keys.exitCode()).isEqualTo(1);
    assertThat(keys.err()).contains("needs an admin API key").contains("HTTP 403");
    assertThat(neither.exitCode()).isEqualTo(2);
  }

  @Test
  void withoutAKeyOrAServerTheErrorSaysWhatToDo() {
    env.remove("DROVER_DATA");
    env.put("DROVER_PROJECT", "demo");
    CliRunner.Result noKey = drover("jobs", "list");
    env.put("DROVER_URL", "http://127.0.0.1:1");
    CliRunner.Result noServer = drover("jobs", "list");

    assertThat(noKey.exitCode()).isEqualTo(1);
    assertThat(noKey.err()).contains("needs an API key").contains("HTTP 401");
    assertThat(noServer.exitCode()).isEqualTo(1);
    assertThat(noServer.err()).contains("cannot reach a Drover server at http://127.0.0.1:1");
  }

  @Test
  void everyCommandHasHelp() {
    for (List<String> command :
        List.<List<String>>of(
            List.of(),
            List.of("jobs"),
            List.of("jobs", "apply"),
            List.of("jobs", "trigger"),
            List.of("job-runs", "terminate"),
            List.of("runs", "start"),
            List.of("runs", "logs"),
            List.of("schedule", "preview"),
            List.of("keys", "create"),
            List.of("export"))) {
      String[] args =
          java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
              .toArray(String[]::new);
      CliRunner.Result help = drover(args);
      assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(help.out()).as(String.join(" ", args)).contains("Usage: drover");
    }
  }

  @Test
  void exportWritesTheServersJsonLinesUnchanged() throws IOException {
    String lines = "{\"run\":{\"id\":\"a\"}}\n{\"run\":{\"id\":\"b\",\"text\":\"é\"}}\n";
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/api/v1/projects/shop/job-runs/JR1/export",
        exchange -> {
          byte[] body = lines.getBytes(StandardCharsets.UTF_8);
          boolean keyed =
              "Bearer k1".equals(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
          exchange.sendResponseHeaders(keyed ? 200 : 401, keyed ? body.length : -1);
          if (keyed) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    fake.start();
    try {
      env.put("DROVER_URL", "http://127.0.0.1:" + fake.getAddress().getPort());
      env.put("DROVER_KEY", "k1");

      CliRunner.Result export = drover("export", "JR1", "--project", "shop");

      assertThat(export.exitCode()).as(export.err()).isZero();
      assertThat(export.out()).isEqualTo(lines);
    } finally {
      fake.stop(0);
    }
  }
}
