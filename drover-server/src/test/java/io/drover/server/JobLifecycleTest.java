package io.drover.server;

import static io.drover.server.Docs.config;
import static io.drover.server.Docs.echo;
import static io.drover.server.Docs.echoes;
import static io.drover.server.Docs.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every lifecycle rule of SPEC.md, through the REST API, on the real SQLite store. */
class JobLifecycleTest {
  private static final String P = "/api/v1/projects/demo";

  @TempDir Path dataDir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<JsonNode> runsOf(String jobRunId) {
    List<JsonNode> runs = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          server
              .get(
                  P
                      + "/job-runs/"
                      + jobRunId
                      + "/runs?limit=1000"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.get("items").forEach(runs::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return runs;
  }

  @Test
  void concurrencyNeverExceedsTheJobsCap() {
    server.createJob(job("capped", config(1, 3, 60), echoes(24, "\"sleepMs\":150")));
    String jobRunId = server.trigger("capped");
    AtomicInteger maxRunningSeen = new AtomicInteger();
    JsonNode ended =
        server.awaitJobRun(
            jobRunId,
            jr -> {
              maxRunningSeen.accumulateAndGet(jr.get("counts").get("running").asInt(), Math::max);
              return jr.get("status").asText().equals("COMPLETED");
            });
    assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(24);
    int maxMeasuredByApi = 0;
    for (JsonNode run : runsOf(jobRunId)) {
      maxMeasuredByApi = Math.max(maxMeasuredByApi, run.get("result").get("concurrency").asInt());
    }
    assertThat(maxMeasuredByApi).isBetween(1, 3);
    assertThat(maxRunningSeen.get()).isLessThanOrEqualTo(3);
  }

  @Test
  void failedAttemptsAreRetriedUpToMaximumAttemptsAndPerItemOverridesWin() {
    server.createJob(
        job(
            "retries",
            config(3, 4, 60),
            List.of(
                echo("{\"name\":\"twice-failing\",\"failTimes\":2}"),
                echo("{\"name\":\"always-failing\",\"failTimes\":99}"),
                "{\"apiName\":\"echo\",\"parameters\":{\"name\":\"override\",\"failTimes\":99},\"retry\":{\"maximumAttempts\":5}}",
                "{\"apiName\":\"echo\",\"parameters\":{\"name\":\"override-1\",\"failTimes\":1},\"retry\":{\"maximumAttempts\":1}}")));
    String jobRunId = server.trigger("retries");
    JsonNode ended = server.awaitEnded(jobRunId);
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");

    JsonNode twice = server.run(jobRunId + "-1");
    assertThat(twice.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(statuses(twice)).containsExactly("FAILED", "FAILED", "SUCCEEDED");
    assertThat(twice.get("result").get("attempt").asInt()).isEqualTo(3);

    JsonNode always = server.run(jobRunId + "-2");
    assertThat(always.get("status").asText()).isEqualTo("FAILED");
    assertThat(statuses(always)).containsExactly("FAILED", "FAILED", "FAILED");
    assertThat(always.get("error").asText()).contains("failing on purpose: attempt 3");

    assertThat(statuses(server.run(jobRunId + "-3"))).hasSize(5).containsOnly("FAILED");
    JsonNode once = server.run(jobRunId + "-4");
    assertThat(once.get("status").asText()).isEqualTo("FAILED");
    assertThat(statuses(once)).containsExactly("FAILED");
    assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(1);
    assertThat(ended.get("counts").get("failed").asInt()).isEqualTo(3);
  }

  @Test
  void aHungAttemptTimesOutAndIsRetried() {
    server.createJob(job("hung", config(2, 1, 1), List.of(echo("{\"sleepMs\":600000}"))));
    String jobRunId = server.trigger("hung");
    server.awaitEnded(jobRunId);
    JsonNode run = server.run(jobRunId + "-1");
    assertThat(run.get("status").asText()).isEqualTo("FAILED");
    assertThat(statuses(run)).containsExactly("TIMED_OUT", "TIMED_OUT");
    assertThat(run.get("error").asText()).contains("requestTimeout of 1 s");
  }

  @Test
  void extendTimeoutKeepsALongAttemptAlive() {
    server.createJob(
        job("kept-alive", config(1, 1, 2), List.of(echo("{\"sleepMs\":5000,\"keepAlive\":true}"))));
    String jobRunId = server.trigger("kept-alive");
    server.awaitEnded(jobRunId);
    JsonNode run = server.run(jobRunId + "-1");
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
    assertThat(statuses(run)).containsExactly("SUCCEEDED");
  }

  @Test
  void extendPayloadAddsRunsExactlyOnceEvenWhenTheFirstAttemptFails() {
    String extend =
        "[{\"apiName\":\"echo\",\"parameters\":{\"child\":1}},{\"apiName\":\"echo\",\"parameters\":{\"child\":2}},"
            + "{\"apiName\":\"echo\",\"parameters\":{\"child\":3}}]";
    server.createJob(
        job(
            "extender",
            config(3, 2, 60),
            List.of(echo("{\"failTimes\":1,\"extend\":" + extend + "}"))));
    String jobRunId = server.trigger("extender");
    JsonNode ended = server.awaitEnded(jobRunId);
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("counts").get("total").asInt()).isEqualTo(4);
    assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(4);
    List<Integer> children = new ArrayList<>();
    for (JsonNode run : runsOf(jobRunId)) {
      JsonNode child = run.get("parameters").get("child");
      if (child != null) {
        children.add(child.asInt());
      }
    }
    assertThat(children).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(statuses(server.run(jobRunId + "-1"))).containsExactly("FAILED", "SUCCEEDED");
  }

  @Test
  void pauseCancelsRunningRunsWithoutUsingTheirAttemptsAndResumeContinuesThem() {
    server.createJob(job("pausable", config(1, 2, 60), echoes(4, "\"sleepMs\":1500")));
    String jobRunId = server.trigger("pausable");
    server.awaitJobRun(jobRunId, jr -> jr.get("counts").get("running").asInt() == 2);

    TestServer.Response paused = server.post(P + "/jobs/pausable/pause", null);
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().get("status").asText()).isEqualTo("PAUSED");
    JsonNode jobRun = server.jobRun(jobRunId);
    assertThat(jobRun.get("status").asText()).isEqualTo("PAUSED");
    assertThat(jobRun.get("counts").get("running").asInt()).isZero();
    assertThat(jobRun.get("counts").get("pending").asInt()).isEqualTo(4);
    assertThat(server.post(P + "/jobs/pausable/trigger", null).status()).isEqualTo(409);

    assertThat(server.post(P + "/jobs/pausable/resume", null).status()).isEqualTo(200);
    JsonNode ended = server.awaitEnded(jobRunId);
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(4);
    int canceledAttempts = 0;
    for (int i = 1; i <= 4; i++) {
      List<String> statuses = statuses(server.run(jobRunId + "-" + i));
      assertThat(statuses).endsWith("SUCCEEDED");
      canceledAttempts += (int) statuses.stream().filter("CANCELED"::equals).count();
    }
    // maximumAttempts is 1: the runs canceled by the pause could only complete because the
    // canceled attempt did not use up their one attempt
    assertThat(canceledAttempts).isEqualTo(2);
  }

  @Test
  void terminateCancelsEverythingAndNothingRunsAfterwards() {
    server.createJob(job("terminated", config(1, 2, 60), echoes(10, "\"sleepMs\":2000")));
    String jobRunId = server.trigger("terminated");
    server.awaitJobRun(jobRunId, jr -> jr.get("counts").get("running").asInt() == 2);

    TestServer.Response terminated = server.post(P + "/job-runs/" + jobRunId + "/terminate", null);
    assertThat(terminated.status()).isEqualTo(200);
    JsonNode jobRun = terminated.json();
    assertThat(jobRun.get("status").asText()).isEqualTo("TERMINATED");
    assertThat(jobRun.get("endedAt").isNull()).isFalse();
    assertThat(jobRun.get("counts").get("canceled").asInt()).isEqualTo(10);
    assertThat(
            server.get(P + "/job-runs/" + jobRunId + "/runs?status=CANCELED").json().get("items"))
        .hasSize(10);
    assertThat(server.run(jobRunId + "-1").get("attempts").get(0).get("status").asText())
        .isEqualTo("CANCELED");
    // terminating again is a no-op
    assertThat(
            server
                .post(P + "/job-runs/" + jobRunId + "/terminate", null)
                .json()
                .get("status")
                .asText())
        .isEqualTo("TERMINATED");
    // a new JobRun can start at once
    String next = server.trigger("terminated");
    assertThat(next).isNotEqualTo(jobRunId);
    assertThat(server.jobRun(jobRunId).get("counts").get("canceled").asInt()).isEqualTo(10);
  }

  @Test
  void deletingAJobStopsItsJobRun() {
    server.createJob(job("doomed", config(1, 2, 60), echoes(6, "\"sleepMs\":2000")));
    String jobRunId = server.trigger("doomed");
    server.awaitJobRun(jobRunId, jr -> jr.get("counts").get("running").asInt() == 2);
    assertThat(server.delete(P + "/jobs/doomed").status()).isEqualTo(204);
    assertThat(server.get(P + "/jobs/doomed").status()).isEqualTo(404);
    JsonNode jobRun = server.jobRun(jobRunId);
    assertThat(jobRun.get("status").asText()).isEqualTo("CANCELED");
    assertThat(jobRun.get("counts").get("canceled").asInt()).isEqualTo(6);
    assertThat(server.server.inFlightCount()).isZero();
  }

  @Test
  void triggerIsRefusedWhileAJobRunIsActiveOrTheJobIsPaused() {
    server.createJob(job("single", config(1, 1, 60), echoes(2, "\"sleepMs\":1000")));
    String jobRunId = server.trigger("single");
    TestServer.Response second = server.post(P + "/jobs/single/trigger", null);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("error").get("message").asText())
        .contains("single")
        .contains(jobRunId);
    server.awaitEnded(jobRunId);
    server.post(P + "/jobs/single/pause", null);
    TestServer.Response whilePaused = server.post(P + "/jobs/single/trigger", null);
    assertThat(whilePaused.status()).isEqualTo(409);
    assertThat(whilePaused.json().get("error").get("message").asText()).contains("paused");
    server.post(P + "/jobs/single/resume", null);
    assertThat(server.post(P + "/jobs/single/trigger", null).status()).isEqualTo(201);
  }

  @Test
  void editingAJobDoesNotChangeItsRunningJobRun() {
    server.createJob(job("edited", config(2, 1, 60), echoes(3, "\"sleepMs\":300")));
    String jobRunId = server.trigger("edited");
    TestServer.Response replaced =
        server.put(P + "/jobs/edited", job("edited", config(5, 7, 30), echoes(9, "\"sleepMs\":1")));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("version").asLong()).isEqualTo(2);
    JsonNode ended = server.awaitEnded(jobRunId);
    assertThat(ended.get("counts").get("total").asInt()).isEqualTo(3);
    assertThat(ended.get("configuration").get("maximumConcurrentRequests").asInt()).isEqualTo(1);
    assertThat(server.run(jobRunId + "-1").get("maximumAttempts").asInt()).isEqualTo(2);
    String next = server.trigger("edited");
    JsonNode nextRun = server.awaitEnded(next);
    assertThat(nextRun.get("counts").get("total").asInt()).isEqualTo(9);
    assertThat(nextRun.get("configuration").get("maximumConcurrentRequests").asInt()).isEqualTo(7);
  }

  @Test
  void aJobReadsBackAsItsDocumentWithItsPayload() {
    server.createJob(job("readable", config(2, 3, 40), echoes(5, "")));
    JsonNode job = server.get(P + "/jobs/readable").json();
    assertThat(job.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(job.get("payloadSize").asInt()).isEqualTo(5);
    assertThat(job.get("document").get("payload")).hasSize(5);
    assertThat(job.get("document").get("payload").get(4).get("parameters").get("item").asInt())
        .isEqualTo(5);
    assertThat(job.get("document").get("configuration").get("requestTimeout").asInt())
        .isEqualTo(40);
    assertThat(server.get(P + "/jobs").json().get("items")).hasSize(1);
    assertThat(server.post(P + "/jobs", job("readable", config(2, 3, 40), echoes(1, ""))).status())
        .isEqualTo(409);
  }

  @Test
  void aStandaloneRunReturnsItsResultAndItsLogs() throws Exception {
    TestServer.Response created =
        server.post(
            P + "/runs",
            "{\"apiName\":\"echo\",\"parameters\":{\"hello\":\"world\",\"log\":\"hi\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String runId = created.json().get("runId").asText();
    JsonNode run = server.awaitRun(runId, r -> r.get("status").asText().equals("COMPLETED"));
    assertThat(run.get("jobRunId").isNull()).isTrue();
    assertThat(run.get("result").get("echo").get("hello").asText()).isEqualTo("world");
    TestServer.Response logs = server.get(P + "/runs/" + runId + "/attempts/1/logs");
    assertThat(logs.status()).isEqualTo(200);
    JsonNode line = TestServer.JSON.readTree(logs.body().lines().findFirst().orElseThrow());
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("source").asText()).isEqualTo("api");
    assertThat(line.get("message").asText()).contains("echo attempt 1: hi");
    assertThat(server.get(P + "/runs/" + runId + "/attempts/2/logs").status()).isEqualTo(404);
  }

  @Test
  void extendPayloadInAStandaloneRunIsAnErrorTheApiSees() {
    String runId =
        server
            .post(
                P + "/runs",
                "{\"apiName\":\"echo\",\"retry\":{\"maximumAttempts\":1},"
                    + "\"parameters\":{\"extend\":[{\"apiName\":\"echo\",\"parameters\":{}}]}}")
            .json()
            .get("runId")
            .asText();
    JsonNode run = server.awaitRun(runId, r -> r.get("status").asText().equals("FAILED"));
    assertThat(run.get("error").asText()).contains("standalone");
  }

  @Test
  void aResultOverTwoMegabytesFailsTheAttemptWithAClearError() {
    String big = "x".repeat(2 * 1024 * 1024 + 10);
    String runId =
        server
            .post(
                P + "/runs",
                "{\"apiName\":\"echo\",\"retry\":{\"maximumAttempts\":1},\"parameters\":{\"big\":\""
                    + big
                    + "\"}}")
            .json()
            .get("runId")
            .asText();
    JsonNode run = server.awaitRun(runId, r -> r.get("status").asText().equals("FAILED"));
    assertThat(run.get("error").asText()).contains("the limit is 2097152 bytes (2 MB)");
  }

  private static List<String> statuses(JsonNode run) {
    List<String> statuses = new ArrayList<>();
    run.get("attempts").forEach(a -> statuses.add(a.get("status").asText()));
    return statuses;
  }
}
