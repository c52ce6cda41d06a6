package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand browser attempts on two slots: all complete, browsers stay bounded, none is left. Each
 * attempt gets a fresh context and page, about half a second of CPU here; {@code
 * -Ddrover.soak.attempts=N} runs a shorter soak.
 */
@Tag("slow")
class BrowserSoakTest {
  private static final int ATTEMPTS = Integer.getInteger("drover.soak.attempts", 1_000);
  private static final int SLOTS = 2;

  @TempDir Path dataDir;

  @Test
  void aThousandBrowserAttemptsCompleteWithNoMoreBrowsersThanSlotsAndNoneLeft() throws Exception {
    ServerSettings base = ServerSettings.defaults();
    ServerSettings settings =
        base.withEngine(base.engine().withSlots(SLOTS))
            .withBrowser(base.browser().withVideo(false).withContextsPerBrowser(150));
    String items =
        IntStream.rangeClosed(1, ATTEMPTS)
            .mapToObj(
                i -> "{\"apiName\":\"visit\",\"parameters\":{\"path\":\"/?attempt=" + i + "\"}}")
            .collect(Collectors.joining(","));
    String job =
        "{\"id\":\"soak\",\"configuration\":{\"maximumAttempts\":1,\"maximumConcurrentRequests\":"
            + SLOTS
            + ",\"requestTimeout\":120,\"trace\":\"off\"},\"payload\":["
            + items
            + "]}";
    AtomicInteger mostBrowsersSeen = new AtomicInteger();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(
        () -> mostBrowsersSeen.accumulateAndGet(BrowserProcessesSeen.browsers().size(), Math::max),
        0,
        100,
        TimeUnit.MILLISECONDS);
    try (TestServer server = new TestServer(dataDir, settings)) {
      server.createJob(job);
      String jobRunId = server.trigger("soak");

      JsonNode jobRun = server.awaitEnded(jobRunId, Duration.ofMinutes(40));

      assertThat(jobRun.get("status").asText()).isEqualTo("COMPLETED");
      assertThat(jobRun.get("counts").get("completed").asInt()).isEqualTo(ATTEMPTS);
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(mostBrowsersSeen.get()).isBetween(1, SLOTS);
    assertThat(BrowserProcessesSeen.all()).as("processes left after the server stopped").isEmpty();
  }
}
