package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's slots are shared between JobRuns: a second JobRun does not wait for the first. */
class FairnessTest {
  @TempDir Path dataDir;

  @Test
  void aLaterJobRunGetsSlotsBeforeAnEarlierOneHasStartedAllItsRuns() {
    ServerSettings settings = ServerSettings.defaults();
    settings = settings.withEngine(settings.engine().withSlots(4));
    try (TestServer server = new TestServer(dataDir, settings)) {
      server.createJob(
          Docs.job("first", Docs.config(1, 100, 60), Docs.echoes(12, "\"sleepMs\":300")));
      server.createJob(
          Docs.job("second", Docs.config(1, 100, 60), Docs.echoes(12, "\"sleepMs\":300")));
      String first = server.trigger("first");
      server.awaitJobRun(first, jr -> jr.get("counts").get("running").asInt() == 4);
      String second = server.trigger("second");
      server.awaitEnded(first);
      server.awaitEnded(second);

      List<Instant> firstStarts = starts(server, first);
      List<Instant> secondStarts = starts(server, second);
      Instant lastOfFirst = firstStarts.stream().max(Instant::compareTo).orElseThrow();
      long secondStartedBeforeFirstWasDone =
          secondStarts.stream().filter(s -> s.isBefore(lastOfFirst)).count();
      // with 4 slots and 12 items, the first JobRun needs 3 rounds: fair sharing lets the second in
      // at the first round that frees slots, so several of its Runs start before the first's last
      // one
      assertThat(secondStartedBeforeFirstWasDone).isGreaterThanOrEqualTo(2);
    }
  }

  private static List<Instant> starts(TestServer server, String jobRunId) {
    List<Instant> starts = new ArrayList<>();
    JsonNode page =
        server.get("/api/v1/projects/demo/job-runs/" + jobRunId + "/runs?limit=100").json();
    page.get("items").forEach(run -> starts.add(Instant.parse(run.get("startedAt").asText())));
    return starts;
  }
}
