package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.core.browser.BrowserProcesses;
import io.drover.examples.shop.DemoShop;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two slots sharing one Chromium ({@code slots-per-browser} 2), in real Chromium through the REST
 * API: what the per-slot layout gave still holds — a hung page is stopped within its deadline plus
 * 5 s without costing the other slot its page, a killed browser costs only the attempts on it
 * (retried), and nothing is left running.
 */
@Tag("slow")
class SharedBrowsersTest {
  private static final String P = "/api/v1/projects/demo";

  @TempDir Path dataDir;
  TestServer server;

  @BeforeEach
  void start() {
    ServerSettings defaults = ServerSettings.defaults();
    server =
        new TestServer(
            dataDir,
            defaults
                .withEngine(defaults.engine().withSlots(2))
                .withBrowser(defaults.browser().withSlotsPerBrowser(2)));
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

  @Test
  void aHungPageIsStoppedWithinItsDeadlinePlusFiveSecondsAndTheOtherSlotsPageLivesOn() {
    server.createJob(visitJob("hangs", "/slow?ms=600000", 1, 5));
    server.createJob(visitJob("slow", "/slow?ms=9000", 1, 60));
    String hangs = server.trigger("hangs") + "-1";
    String slow = server.trigger("slow") + "-1";
    TestServer.await(
        () -> DemoShop.shared().slowPagesInProgress(), n -> n == 2, "both pages requested");
    List<BrowserProcesses.Marked> browsers = BrowserProcessesSeen.browsers();
    assertThat(browsers).as("one Chromium for both slots").hasSize(1);

    JsonNode hung = server.awaitRun(hangs, r -> r.get("status").asText().equals("FAILED"));
    JsonNode attempt = hung.get("attempts").get(0);
    assertThat(attempt.get("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(attempt.get("durationMs").asLong()).isBetween(5_000L, 10_000L);

    JsonNode other = server.awaitRun(slow, r -> r.get("status").asText().equals("COMPLETED"));
    assertThat(other.get("attempts")).as("the other slot's page was not killed").hasSize(1);
    assertThat(other.get("result").get("title").asText()).isEqualTo("Slow page (9000 ms)");
    assertThat(BrowserProcessesSeen.browsers())
        .as("the shared Chromium outlived the stop")
        .extracting(m -> m.handle().pid())
        .containsExactly(browsers.get(0).handle().pid());
  }

  @Test
  void killingTheSharedChromiumFailsTheAttemptsOnItClearlyAndTheirRetriesComplete() {
    server.createJob(visitJob("one", "/slow?ms=3000", 3, 60));
    server.createJob(visitJob("two", "/slow?ms=3000", 3, 60));
    List<String> runs = List.of(server.trigger("one") + "-1", server.trigger("two") + "-1");
    TestServer.await(
        () -> DemoShop.shared().slowPagesInProgress(), n -> n == 2, "both pages requested");
    List<BrowserProcesses.Marked> browsers = BrowserProcessesSeen.browsers();
    assertThat(browsers).hasSize(1);

    browsers.get(0).handle().destroyForcibly();
    for (String runId : runs) {
      JsonNode run = server.awaitRun(runId, r -> r.get("status").asText().equals("COMPLETED"));
      assertThat(run.get("attempts")).hasSize(2);
      assertThat(run.get("attempts").get(0).get("error").asText())
          .contains("BrowserCrashedException")
          .contains("crashed or was killed");
      assertThat(run.get("result").get("title").asText()).isEqualTo("Slow page (3000 ms)");
    }
    assertThat(BrowserProcessesSeen.browsers()).as("one new shared Chromium").hasSize(1);
  }
}
