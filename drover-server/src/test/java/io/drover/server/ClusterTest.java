package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.core.store.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on one (embedded) PostgreSQL: a 10,000-item JobRun whose cap holds across
 * the cluster, one node SIGKILLed in the middle (its attempts taken back within its lease and run
 * again elsewhere, every item completed exactly once), a schedule that fires once per time on the
 * three nodes, and a pause made on one node that stops the attempts running on another.
 */
@Tag("slow")
class ClusterTest {
  private static final String API = "/api/v1/projects/demo";
  private static final int ITEMS = 10_000;
  private static final int CAP = 12;
  private static final Duration LEASE = Duration.ofSeconds(8);
  private static final Duration LIMIT = Duration.ofMinutes(10);

  @TempDir Path dir;
  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  private NodeProcess startNode(String name, String database) throws Exception {
    NodeProcess node =
        NodeProcess.start(
            dir.resolve(name),
            List.of(
                // 5 slots each: 15 in all, above the cap of 12 (so the cap is what holds them
                // back), while any two nodes (10) leave room for the third: a node that frees a
                // place refills it in the same transaction, so with more slots per node the first
                // two could keep the JobRun at its cap and the third never get a Run
                "--slots",
                "5",
                "--retry-backoff-ms",
                "50",
                "--node-heartbeat",
                "2",
                "--node-lease",
                Long.toString(LEASE.toSeconds())),
            Map.of("DROVER_DATABASE_URL", database, "DROVER_DATABASE_USER", TestPostgres.USER));
    nodes.add(node);
    return node;
  }

  @Test
  void threeNodesRunEveryItemOnceWithinTheCapThroughTheLossOfOne() throws Exception {
    String database = TestPostgres.freshDatabase();
    NodeProcess a = startNode("a", database);
    NodeProcess b = startNode("b", database);
    NodeProcess c = startNode("c", database);
    assertThat(a.get("/api/v1/cluster/nodes").get("items"))
        .extracting(n -> n.get("status").asText())
        .containsExactly("UP", "UP", "UP");

    a.post(
        API + "/jobs",
        Docs.job("big", Docs.config(3, CAP, 60), Docs.echoes(ITEMS, "\"sleepMs\":20")),
        201);
    b.post(
        API + "/jobs",
        "{\"id\":\"tick\",\"configuration\":{\"maximumConcurrentRequests\":1},"
            + "\"schedule\":{\"intervals\":[{\"every\":\"2s\"}]},"
            + "\"payload\":[{\"apiName\":\"echo\",\"parameters\":{}}]}",
        201);
    String jobRun = a.post(API + "/jobs/big/trigger", null, 201).get("jobRunId").asText();
    String url = API + "/job-runs/" + jobRun;
    TestServer.await(
        () -> a.get(url), jr -> jr.get("counts").get("completed").asInt() >= 3_000, "progress");

    String dead = c.nodeId();
    c.kill();
    Instant killedAt = Instant.now();

    JsonNode ended =
        TestServer.await(
            () -> a.get(url), jr -> !jr.get("status").asText().equals("RUNNING"), "end", LIMIT);
    a.post(API + "/jobs/tick/pause", null, 200);
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(ITEMS);
    assertThat(ended.get("counts").get("total").asInt()).isEqualTo(ITEMS);

    List<long[]> intervals = new ArrayList<>();
    Set<Long> pids = new HashSet<>();
    Map<Integer, Integer> completedPerItem = new HashMap<>();
    List<JsonNode> retried = new ArrayList<>();
    forEachRun(
        b,
        url,
        run -> {
          assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
          JsonNode result = run.get("result");
          completedPerItem.merge(result.get("echo").get("item").asInt(), 1, Integer::sum);
          intervals.add(
              new long[] {result.get("startedAtMs").asLong(), result.get("endedAtMs").asLong()});
          pids.add(result.get("pid").asLong());
          if (run.get("attemptCount").asInt() > 1) {
            retried.add(b.get(API + "/runs/" + run.get("id").asText()));
          }
        });

    assertThat(completedPerItem).hasSize(ITEMS);
    assertThat(completedPerItem.values()).containsOnly(1);
    assertThat(mostAtOnce(intervals)).as("echo attempts at once, cluster-wide").isBetween(2, CAP);
    assertThat(pids).as("processes that completed items").hasSize(3);

    int abandonedOnDead = 0;
    Duration slowestRerun = Duration.ZERO;
    for (JsonNode run : retried) {
      List<JsonNode> attempts = new ArrayList<>();
      run.get("attempts").forEach(attempts::add);
      assertThat(attempts).filteredOn(x -> x.get("status").asText().equals("SUCCEEDED")).hasSize(1);
      for (int i = 0; i < attempts.size() - 1; i++) {
        JsonNode attempt = attempts.get(i);
        if (dead.equals(attempt.get("node").asText())) {
          assertThat(attempt.get("status").asText()).isEqualTo("ABANDONED");
          abandonedOnDead++;
          Instant rerun = Instant.parse(attempts.get(i + 1).get("startedAt").asText());
          Duration lag = Duration.between(killedAt, rerun);
          slowestRerun = lag.compareTo(slowestRerun) > 0 ? lag : slowestRerun;
        }
      }
    }
    assertThat(abandonedOnDead).as("attempts cut off on the killed node").isPositive();
    assertThat(slowestRerun).isLessThanOrEqualTo(LEASE.plusSeconds(10));
    System.out.printf(
        "cluster: %d attempts abandoned on the killed node, last one re-run %d ms after the kill;"
            + " at most %d attempts at once%n",
        abandonedOnDead, slowestRerun.toMillis(), mostAtOnce(intervals));

    assertScheduleFiredOncePerTime(a);
    assertPauseOnOneNodeStopsAnother(a, b);
  }

  /** Each SCHEDULED JobRun of "tick" belongs to its own 2-second fire time: none twice. */
  private void assertScheduleFiredOncePerTime(NodeProcess a) {
    JsonNode page = a.get(API + "/jobs/tick/job-runs?limit=1000");
    List<Long> slots = new ArrayList<>();
    for (JsonNode jobRun : page.get("items")) {
      assertThat(jobRun.get("trigger").asText()).isEqualTo("SCHEDULED");
      slots.add(Instant.parse(jobRun.get("createdAt").asText()).toEpochMilli() / 2_000);
    }
    assertThat(slots).as("fires of the 2 s schedule").hasSizeGreaterThanOrEqualTo(5);
    assertThat(slots).as("one JobRun per fire time").doesNotHaveDuplicates();
  }

  private void assertPauseOnOneNodeStopsAnother(NodeProcess a, NodeProcess b) {
    b.post(
        API + "/jobs",
        Docs.job("slow", Docs.config(1, 4, 600), Docs.echoes(4, "\"sleepMs\":120000")),
        201);
    String jobRun = b.post(API + "/jobs/slow/trigger", null, 201).get("jobRunId").asText();
    String onB = b.nodeId();
    List<String> runningOnB =
        TestServer.await(
            () -> runsOn(b, jobRun, onB),
            runs -> !runs.isEmpty(),
            "attempts of the slow Job running on node b");

    long pausedAt = System.nanoTime();
    a.post(API + "/jobs/slow/pause", null, 200);
    TestServer.await(
        () -> b.get("/api/v1/health").get("inFlight").asInt(),
        inFlight -> inFlight == 0,
        "node b stops the attempts paused on node a",
        Duration.ofSeconds(15));
    long stoppedMs = (System.nanoTime() - pausedAt) / 1_000_000;
    System.out.printf("pause on node a stopped node b's attempts in %d ms%n", stoppedMs);
    for (String run : runningOnB) {
      assertThat(b.get(API + "/runs/" + run).get("attempts").get(0).get("status").asText())
          .isEqualTo("CANCELED");
    }
    assertThat(stoppedMs).isLessThan(10_000);
  }

  private static List<String> runsOn(NodeProcess node, String jobRun, String nodeId) {
    List<String> ids = new ArrayList<>();
    for (JsonNode run :
        node.get(API + "/job-runs/" + jobRun + "/runs?status=RUNNING").get("items")) {
      JsonNode full = node.get(API + "/runs/" + run.get("id").asText());
      JsonNode attempts = full.get("attempts");
      JsonNode last = attempts.get(attempts.size() - 1);
      if (last.get("status").asText().equals("RUNNING")
          && nodeId.equals(last.get("node").asText())) {
        ids.add(run.get("id").asText());
      }
    }
    return ids;
  }

  private static void forEachRun(NodeProcess node, String jobRunUrl, Consumer<JsonNode> each) {
    String cursor = null;
    do {
      JsonNode page =
          node.get(jobRunUrl + "/runs?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items").forEach(each);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
  }

  /** The most intervals open at one instant (an end and a start at the same ms do not overlap). */
  static int mostAtOnce(List<long[]> intervals) {
    List<long[]> events = new ArrayList<>();
    for (long[] interval : intervals) {
      events.add(new long[] {interval[0], 1});
      events.add(new long[] {interval[1], -1});
    }
    events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    int open = 0;
    int most = 0;
    for (long[] event : events) {
      open += (int) event[1];
      most = Math.max(most, open);
    }
    return most;
  }
}
