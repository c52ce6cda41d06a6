package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics parses as Prometheus text and its counters equal what the JobRun reports. */
class MetricsTest {
  private static final ServerSettings NO_BROWSER =
      ServerSettings.defaults().withBrowser(ServerSettings.defaults().browser().withEnabled(false));

  @TempDir Path dataDir;

  @Test
  void afterAJobRunWithFailuresAndRetriesTheCountersEqualItsCounts() {
    try (TestServer server = new TestServer(dataDir, NO_BROWSER)) {
      server.createJob(
          Docs.job(
              "metered",
              Docs.config(2, 4, 60),
              List.of(
                  Docs.echo("{\"item\":1}"),
                  Docs.echo("{\"item\":2,\"failTimes\":1}"),
                  Docs.echo("{\"item\":3,\"failTimes\":5}"),
                  Docs.echo("{\"item\":4,\"failTimes\":5}"),
                  "{\"apiName\":\"echo\",\"parameters\":{\"item\":5,\"failTimes\":2},"
                      + "\"retry\":{\"maximumAttempts\":3}}")));
      String jobRunId = server.trigger("metered");
      JsonNode ended = server.awaitEnded(jobRunId);
      Map<String, Integer> attempts = new HashMap<>();
      for (JsonNode run : server.runs(jobRunId, "")) {
        for (JsonNode attempt : server.run(run.get("id").asText()).get("attempts")) {
          attempts.merge(attempt.get("status").asText(), 1, Integer::sum);
        }
      }
      server.sendAs(null, "GET", "/api/v1/projects/demo/jobs", null); // one refused request

      PrometheusText metrics = PrometheusText.parse(scrape(server));

      JsonNode counts = ended.get("counts");
      assertThat(counts.get("completed").asInt()).isEqualTo(3);
      assertThat(counts.get("failed").asInt()).isEqualTo(2);
      assertThat(attempts).containsEntry("SUCCEEDED", 3).containsEntry("FAILED", 7);
      String[] echo = {"project", "demo", "api", "echo"};
      assertThat(metrics.value("drover_runs_finished_total", with(echo, "status", "COMPLETED")))
          .isEqualTo(counts.get("completed").asDouble());
      assertThat(metrics.value("drover_runs_finished_total", with(echo, "status", "FAILED")))
          .isEqualTo(counts.get("failed").asDouble());
      for (Map.Entry<String, Integer> outcome : attempts.entrySet()) {
        assertThat(
                metrics.value(
                    "drover_attempt_duration_seconds_count",
                    with(echo, "outcome", outcome.getKey())))
            .as("attempts " + outcome.getKey())
            .isEqualTo(outcome.getValue().doubleValue());
      }
      assertThat(metrics.type("drover_attempt_duration_seconds")).isEqualTo("histogram");
      assertThat(metrics.sum("drover_runs_pending")).isZero();
      assertThat(metrics.value("drover_attempts_running")).isZero();
      assertThat(metrics.value("drover_browser_slots")).isZero();
      assertThat(
              metrics.value(
                  "drover_http_requests_total",
                  "method",
                  "POST",
                  "route",
                  "/api/v1/projects/{project}/jobs/{jobId}/trigger",
                  "status",
                  "201"))
          .isEqualTo(1);
      assertThat(metrics.value("drover_auth_failures_total", "reason", "missing")).isEqualTo(1);
      assertThat(metrics.names()).contains("jvm_memory_used_bytes", "jvm_threads_current");
    }
  }

  @Test
  void queuedRunsShowAsQueueDepthPerProject() {
    try (TestServer server = new TestServer(dataDir, NO_BROWSER)) {
      server.createJob(
          Docs.job("queued", Docs.config(1, 1, 60), Docs.echoes(3, "\"sleepMs\":60000")));
      String jobRunId = server.trigger("queued");
      server.awaitJobRun(jobRunId, jr -> jr.get("counts").get("running").asInt() == 1);

      PrometheusText metrics = PrometheusText.parse(scrape(server));

      assertThat(metrics.value("drover_runs_pending", "project", "demo")).isEqualTo(2);
      assertThat(metrics.value("drover_attempts_running")).isEqualTo(1);
      server.post("/api/v1/projects/demo/job-runs/" + jobRunId + "/terminate", null);
    }
  }

  @Test
  void metricsNeedAnAdminKeyOnTheMainPortAndNoneOnTheMetricsPort() throws Exception {
    ServerSettings settings = NO_BROWSER.withAccess(AccessSettings.defaults().withMetricsPort(0));
    try (TestServer server = new TestServer(dataDir, settings)) {
      String projectKey = server.newKey("demo");
      int port = server.server.metricsPort().orElseThrow();

      HttpResponse<String> local =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(server.sendAs(null, "GET", "/metrics", null).status()).isEqualTo(401);
      assertThat(server.sendAs(projectKey, "GET", "/metrics", null).status()).isEqualTo(403);
      assertThat(local.statusCode()).isEqualTo(200);
      assertThat(local.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(PrometheusText.parse(local.body()).names()).contains("drover_attempts_running");
    }
  }

  @Test
  void theParserRejectsWhatIsNotTheTextFormat() {
    String good = "# TYPE a_total counter\na_total{x=\"{y}\"} 1\n";

    assertThat(PrometheusText.parse(good).value("a_total", "x", "{y}")).isEqualTo(1);
    for (String bad :
        List.of(
            "a_total 1\n",
            "# TYPE a_total counter\na_total{x=y} 1\n",
            "# TYPE a_total counter\na_total{x=\"y\"} one\n",
            "# TYPE a_total counter\na_total 1\na_total 2\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusText.parse(bad))
          .as(bad)
          .isInstanceOf(AssertionError.class);
    }
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = name;
    all[labels.length + 1] = value;
    return all;
  }

  @Test
  void everyTryOfADeliveryIsCountedByItsStatusWithItsDelay() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          // the first request fails: its delivery is retried once
          exchange.sendResponseHeaders(requests.incrementAndGet() == 1 ? 500 : 204, -1);
          exchange.close();
        });
    receiver.start();
    try (TestServer server = new TestServer(dataDir, NO_BROWSER)) {
      server.createJob(
          "{\"id\":\"hooked\",\"payload\":["
              + String.join(",", Docs.echoes(3, ""))
              + "],\"sink\":{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:"
              + receiver.getAddress().getPort()
              + "/\"}}");
      String jobRunId = server.trigger("hooked");
      server.awaitJobRun(jobRunId, jr -> jr.get("deliveries").get("delivered").asInt() == 3);

      PrometheusText metrics = PrometheusText.parse(scrape(server));
      assertThat(metrics.value("drover_deliveries_total", "project", "demo", "status", "DELIVERED"))
          .isEqualTo(3);
      assertThat(metrics.value("drover_deliveries_total", "project", "demo", "status", "PENDING"))
          .as("the try answered 500, retried")
          .isEqualTo(1);
      assertThat(metrics.value("drover_delivery_delay_seconds_count")).isEqualTo(4);
      assertThat(metrics.value("drover_delivery_delay_seconds_sum"))
          .as("the retry waited its backoff")
          .isGreaterThan(0.5);
    } finally {
      receiver.stop(0);
    }
  }

  private static String scrape(TestServer server) {
    TestServer.Download metrics = server.download("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    return metrics.text();
  }

  static String text(TestServer.Download download) throws IOException {
    return download.text();
  }
}
