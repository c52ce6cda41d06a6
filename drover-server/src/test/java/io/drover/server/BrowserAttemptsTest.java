package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.core.browser.BrowserProcesses;
import io.drover.examples.shop.DemoShop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attempts in real Chromium through the REST API: hung pages, killed browsers, no leftovers. */
class BrowserAttemptsTest {
  private static final String P = "/api/v1/projects/demo";

  @TempDir Path dataDir;
  TestServer server;

  @BeforeEach
  void start() {
    server =
        new TestServer(
            dataDir,
            ServerSettings.defaults().withEngine(ServerSettings.defaults().engine().withSlots(1)));
  }

  @AfterEach
  void stop() {
    server.close();
    assertThat(BrowserProcessesSeen.all()).as("processes left after the server stopped").isEmpty();
    TestServer.await(
        () -> DemoShop.shared().slowPagesInProgress(), n -> n == 0, "no browser on a slow page");
  }

  private static String visitJob(String id, String path, int maximumAttempts, int requestTimeout) {
    return "{\"id\":\""
        + id
        + "\",\"configuration\":{\"maximumAttempts\":"
        + maximumAttempts
        + ",\"requestTimeout\":"
        + requestTimeout
        + "},\"payload\":[{\"apiName\":\"visit\",\"parameters\":{\"path\":\""
        + path
        + "\"}}]}";
  }

  private List<String> logMessages(String runId, int attempt) {
    TestServer.Response logs = server.get(P + "/runs/" + runId + "/attempts/" + attempt + "/logs");
    assertThat(logs.status()).isEqualTo(200);
    return logs.body()
        .lines()
        .map(
            line -> {
              try {
                return TestServer.JSON.readTree(line).get("message").asText();
              } catch (Exception e) {
                throw new AssertionError(line, e);
              }
            })
        .toList();
  }

  @Test
  void aPageThatNeverLoadsTimesOutWithinFiveSecondsOfItsDeadlineAndTheNextAttemptUsesTheSameSlot() {
    server.createJob(visitJob("hangs", "/slow?ms=600000", 2, 5));
    String jobRunId = server.trigger("hangs");
    String runId = jobRunId + "-1";

    JsonNode run = server.awaitRun(runId, r -> r.get("status").asText().equals("FAILED"));

    JsonNode first = run.get("attempts").get(0);
    JsonNode second = run.get("attempts").get(1);
    assertThat(first.get("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(second.get("status").asText()).isEqualTo("TIMED_OUT");
    // The first attempt's time also holds the browser's launch (not counted against its deadline);
    // the second runs in the warm browser, so its duration is the timeout and the stop alone.
    assertThat(second.get("durationMs").asLong()).isBetween(5_000L, 10_000L);
    assertThat(
            Duration.between(
                Instant.parse(first.get("endedAt").asText()),
                Instant.parse(second.get("startedAt").asText())))
        .as("the slot was free again soon after the first attempt was stopped")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(logMessages(runId, 1))
        .anyMatch(m -> m.startsWith("browser slot 1: Chromium #1 of the slot, context 1"));
    assertThat(logMessages(runId, 2))
        .anyMatch(m -> m.startsWith("browser slot 1: Chromium #1 of the slot, context 2"))
        .anyMatch(m -> m.contains("timed out after 5 s"));
    TestServer.Download trace = server.download(P + "/runs/" + runId + "/attempts/1/trace");
    assertThat(trace.status()).as("a timed-out attempt keeps its trace").isEqualTo(200);
    TestServer.await(
        () -> DemoShop.shared().slowPagesInProgress(),
        n -> n == 0,
        "the stopped browser to drop the slow page");
  }

  @Test
  void killingTheChromiumOfABusySlotFailsTheAttemptClearlyAndTheRetryCompletesTheRun() {
    server.createJob(visitJob("killed", "/slow?ms=3000", 3, 60));
    String jobRunId = server.trigger("killed");
    String runId = jobRunId + "-1";
    TestServer.await(
        () -> DemoShop.shared().slowPagesInProgress(), n -> n > 0, "the slow page to be requested");
    List<BrowserProcesses.Marked> browsers = BrowserProcessesSeen.browsers();
    assertThat(browsers).hasSize(1);

    browsers.get(0).handle().destroyForcibly();
    JsonNode run = server.awaitRun(runId, r -> r.get("status").asText().equals("COMPLETED"));

    JsonNode first = run.get("attempts").get(0);
    assertThat(first.get("status").asText()).isEqualTo("FAILED");
    assertThat(first.get("error").asText())
        .contains("BrowserCrashedException")
        .contains("the Chromium of browser slot 1 crashed or was killed");
    assertThat(run.get("attempts")).hasSize(2);
    assertThat(run.get("result").get("title").asText()).isEqualTo("Slow page (3000 ms)");
    assertThat(logMessages(runId, 2))
        .anyMatch(m -> m.startsWith("browser slot 1: Chromium #2 of the slot"));
    assertThat(BrowserProcessesSeen.browsers()).hasSize(1);
    PrometheusText metrics = PrometheusText.parse(server.download("/metrics").text());
    assertThat(metrics.value("drover_browser_crashes_total")).isEqualTo(1);
    assertThat(metrics.value("drover_browser_restarts_total", "reason", "crash")).isEqualTo(1);
    assertThat(metrics.value("drover_browser_launches_total")).isEqualTo(2);
    assertThat(metrics.value("drover_browser_slots")).isEqualTo(1);
  }

  @Test
  void artifactsThatDoNotExistAre404WithAReason() {
    server.createJob("{\"id\":\"no-page\",\"payload\":[{\"apiName\":\"echo\",\"parameters\":{}}]}");
    String runId = server.trigger("no-page") + "-1";
    server.awaitRun(runId, r -> r.get("status").asText().equals("COMPLETED"));

    TestServer.Response trace = server.get(P + "/runs/" + runId + "/attempts/1/trace");
    TestServer.Response video = server.get(P + "/runs/" + runId + "/attempts/1/video");
    TestServer.Response noAttempt = server.get(P + "/runs/" + runId + "/attempts/2/screenshot");

    assertThat(trace.status()).isEqualTo(404);
    assertThat(trace.json().get("error").get("message").asText())
        .isEqualTo(
            "run "
                + runId
                + " attempt 1 has no Playwright trace (the attempt opened no page, its Job's"
                + " configuration.trace is off, or is on-failure and the attempt succeeded)");
    assertThat(video.status()).isEqualTo(404);
    assertThat(video.json().get("error").get("message").asText())
        .contains("has no video recording");
    assertThat(noAttempt.status()).isEqualTo(404);
    assertThat(noAttempt.json().get("error").get("message").asText()).contains("has no attempt 2");
    assertThat(BrowserProcessesSeen.all())
        .as("an API without a page launches no browser")
        .isEmpty();
  }
}
