package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process is killed with SIGKILL in the middle of a 2,000-item JobRun and started
 * again on the same data directory: every item ends COMPLETED exactly once, and the attempts that
 * were cut off are visible as ABANDONED.
 */
@Tag("slow")
class CrashRecoveryTest {
  private static final int ITEMS = 2_000;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @Test
  void aKilledServerLosesNothingAndRunsInterruptedWorkAgain() throws Exception {
    int port = freePort();
    String api = "http://127.0.0.1:" + port + "/api/v1/projects/demo";
    Process first = startServer(port);
    String jobRunId;
    try {
      awaitHealthy(port);
      String job = Docs.job("crash", Docs.config(3, 8, 60), Docs.echoes(ITEMS, "\"sleepMs\":15"));
      assertThat(send("POST", api + "/jobs", job).statusCode()).isEqualTo(201);
      jobRunId =
          TestServer.JSON
              .readTree(send("POST", api + "/jobs/crash/trigger", null).body())
              .get("jobRunId")
              .asText();
      String url = api + "/job-runs/" + jobRunId;
      TestServer.await(
          () -> json(url), jr -> jr.get("counts").get("completed").asInt() >= 300, "progress");
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hook runs
      first.waitFor(30, TimeUnit.SECONDS);
    }
    JsonNode atKill = null;
    Process second = startServer(port);
    try {
      awaitHealthy(port);
      String url = api + "/job-runs/" + jobRunId;
      atKill = json(url);
      JsonNode ended =
          TestServer.await(
              () -> json(url), jr -> !jr.get("status").asText().equals("RUNNING"), "JobRun end");
      assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
      assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(ITEMS);
      assertThat(ended.get("counts").get("total").asInt()).isEqualTo(ITEMS);

      Map<Integer, Integer> completedPerItem = new HashMap<>();
      int abandoned = 0;
      String cursor = null;
      do {
        JsonNode page =
            json(url + "/runs?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
        for (JsonNode run : page.get("items")) {
          assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
          int item = run.get("parameters").get("item").asInt();
          assertThat(run.get("result").get("echo").get("item").asInt()).isEqualTo(item);
          completedPerItem.merge(item, 1, Integer::sum);
          if (run.get("attemptCount").asInt() > 1) {
            JsonNode full = json(api + "/runs/" + run.get("id").asText());
            for (JsonNode attempt : full.get("attempts")) {
              if (attempt.get("status").asText().equals("ABANDONED")) {
                abandoned++;
              }
            }
          }
        }
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      } while (cursor != null);
      assertThat(completedPerItem).hasSize(ITEMS);
      assertThat(completedPerItem.values()).containsOnly(1);
      assertThat(abandoned).as("attempts cut off by the kill").isPositive();
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(atKill.get("counts").get("completed").asInt()).isLessThan(ITEMS);
  }

  private Process startServer(int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.drover.server.Main",
                "server",
                "--port",
                Integer.toString(port),
                "--data",
                dataDir.toString(),
                "--slots",
                "8",
                "--retry-backoff-ms",
                "50"))
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("server-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  private void awaitHealthy(int port) {
    TestServer.await(
        () -> {
          try {
            return send("GET", "http://127.0.0.1:" + port + "/api/v1/health", null).statusCode();
          } catch (IOException e) {
            return -1;
          }
        },
        status -> status == 200,
        "server on port " + port);
  }

  private JsonNode json(String url) {
    try {
      return TestServer.JSON.readTree(send("GET", url, null).body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(String method, String url, String body) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    // the admin key the server's first start wrote (health needs none, so it may not exist yet)
    ApiKeys.readAdminKey(dataDir)
        .ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    HttpRequest request = builder.build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
