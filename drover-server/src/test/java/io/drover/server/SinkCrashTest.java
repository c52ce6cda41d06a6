package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process delivers a 2,000-item JobRun to a slow receiver that is down half the time,
 * and is killed with SIGKILL twice while deliveries are in flight, each time started again on the
 * same data directory: every Run arrives at least once, signed (checked with this test's own
 * Standard Webhooks code), a Run's duplicates carry its one delivery id, and the webhook secret and
 * header token are nowhere in the server's log or data directory.
 */
@Tag("slow")
class SinkCrashTest {
  private static final int ITEMS = 2_000;
  private static final String PROJECT = "/api/v1/projects/demo";

  @TempDir Path dataDir;

  @Test
  void everyRunIsDeliveredSignedAcrossTwoKillsAndNoSecretReachesTheDisk() throws Exception {
    byte[] key = random(32);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    String token = "tok-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
    List<String> flags = List.of("--slots", "8");
    NodeProcess node = null;
    String jobRunId;
    List<Integer> distinctAtKills = new ArrayList<>();
    try (FlakyReceiver receiver = new FlakyReceiver()) {
      try {
        node = NodeProcess.start(dataDir, flags, Map.of());
        node.post(PROJECT + "/jobs", job(receiver.url(), secret, token), 201);
        jobRunId =
            node.post(PROJECT + "/jobs/sinkcrash/trigger", null, 201).get("jobRunId").asText();

        for (int threshold : new int[] {300, 1_100}) {
          TestServer.await(receiver::distinctRuns, n -> n >= threshold, threshold + " received");
          node.kill();
          distinctAtKills.add(receiver.distinctRuns());
          node = NodeProcess.start(dataDir, flags, Map.of());
        }

        NodeProcess last = node;
        String view = PROJECT + "/job-runs/" + jobRunId;
        JsonNode ended =
            TestServer.await(
                () -> last.get(view),
                jr ->
                    !jr.get("status").asText().equals("RUNNING")
                        && jr.get("deliveries").get("pending").asInt() == 0,
                "every delivery ended",
                Duration.ofMinutes(4));
        assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(ended.get("counts").get("completed").asInt()).isEqualTo(ITEMS);
        assertThat(ended.get("deliveries").get("delivered").asInt()).isEqualTo(ITEMS);
        assertThat(ended.get("deliveries").get("failed").asInt()).isZero();
        assertThat(deliveredRunIds(last, jobRunId)).hasSize(ITEMS);
        Set<String> runIds = runIds(last, jobRunId);
        assertThat(runIds).hasSize(ITEMS);

        List<FlakyReceiver.Received> received = new ArrayList<>(receiver.accepted);
        Map<String, String> deliveryIdOfRun = new HashMap<>();
        for (FlakyReceiver.Received request : received) {
          assertThat(request.signature())
              .as("signature of %s", request.id())
              .isNotNull()
              .satisfies(
                  header ->
                      assertThat(List.of(header.split(" ")))
                          .contains(
                              sign(secret, request.id(), request.timestamp(), request.body())));
          assertThat(Math.abs(Long.parseLong(request.timestamp()) - request.receivedAtSeconds()))
              .as("webhook-timestamp within 5 minutes of its receipt")
              .isLessThanOrEqualTo(300);
          JsonNode body = TestServer.JSON.readTree(request.body());
          assertThat(body.get("deliveryId").asText()).isEqualTo(request.id());
          assertThat(body.get("jobRun").get("id").asText()).isEqualTo(jobRunId);
          assertThat(body.get("run").get("status").asText()).isEqualTo("completed");
          String runId = body.get("run").get("id").asText();
          String earlier = deliveryIdOfRun.putIfAbsent(runId, request.id());
          assertThat(earlier == null ? request.id() : earlier)
              .as("every copy of Run %s carries one delivery id", runId)
              .isEqualTo(request.id());
        }
        assertThat(deliveryIdOfRun.keySet()).isEqualTo(runIds);
        int duplicates = received.size() - deliveryIdOfRun.size();
        System.out.printf(
            "SinkCrashTest: %,d Runs received, %,d requests accepted (%,d duplicates), %,d refused"
                + " or dropped; distinct Runs received when each SIGKILL came: %s%n",
            deliveryIdOfRun.size(),
            received.size(),
            duplicates,
            receiver.refused.get(),
            distinctAtKills);
        assertThat(receiver.refused.get()).as("the receiver was down at times").isPositive();
      } finally {
        if (node != null) {
          node.close();
        }
      }
    }
    assertThat(distinctAtKills).hasSize(2).allSatisfy(n -> assertThat(n).isLessThan(ITEMS));

    byte[][] needles = {
      secret.getBytes(StandardCharsets.UTF_8),
      secret.substring("whsec_".length()).getBytes(StandardCharsets.UTF_8),
      key,
      token.getBytes(StandardCharsets.UTF_8)
    };
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files)
        .as("the server's logs are in the data directory")
        .anyMatch(f -> f.getFileName().toString().startsWith("server-"));
    boolean runIdSeen = false;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte[] needle : needles) {
        assertThat(indexOf(bytes, needle)).as("a secret in %s", file).isEqualTo(-1);
      }
      runIdSeen |= indexOf(bytes, jobRunId.getBytes(StandardCharsets.UTF_8)) >= 0;
    }
    assertThat(runIdSeen).as("the scan reads the stored data (the JobRun's id is in it)").isTrue();
  }

  private static String job(String url, String secret, String token) {
    return "{\"id\":\"sinkcrash\",\"configuration\":"
        + Docs.config(3, 8, 60)
        + ",\"payload\":["
        + String.join(",", Docs.echoes(ITEMS, "\"sleepMs\":2"))
        + "],\"sink\":{\"type\":\"webhook\",\"url\":\""
        + url
        + "\",\"headers\":{\"X-Api-Token\":\""
        + token
        + "\"},\"secret\":\""
        + secret
        + "\"}}";
  }

  private static Set<String> deliveredRunIds(NodeProcess node, String jobRunId) {
    Set<String> runs = new HashSet<>();
    String cursor = null;
    do {
      JsonNode page =
          node.get(
              PROJECT
                  + "/job-runs/"
                  + jobRunId
                  + "/deliveries?status=DELIVERED&limit=1000"
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      for (JsonNode delivery : page.get("items")) {
        assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
        runs.add(delivery.get("runId").asText());
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return runs;
  }

  private static Set<String> runIds(NodeProcess node, String jobRunId) {
    Set<String> runs = new HashSet<>();
    String cursor = null;
    do {
      JsonNode page =
          node.get(
              PROJECT
                  + "/job-runs/"
                  + jobRunId
                  + "/runs?limit=1000"
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      for (JsonNode run : page.get("items")) {
        runs.add(run.get("id").asText());
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return runs;
  }

  /** Standard Webhooks, written from the scheme, not from Drover's code. */
  private static String sign(String secret, String id, String timestamp, String body) {
    byte[] key =
        secret.startsWith("whsec_")
            ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
            : secret.getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signed =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * A receiver on 127.0.0.1 that is slow (a few ms per request, 4 at a time) and down half the
   * time: it refuses the first {@link #FIRST_DOWN} requests, then, for {@link #FLAKY_FOR} after the
   * first request, every other {@link #WINDOW}; while down it answers 503 or drops the connection
   * without an answer, alternately. Afterwards it is up for good, so no delivery needs more than
   * three failed tries (backoff 1 s, 5 s, 30 s, each ±20%; a fourth failure would wait 2 minutes):
   * a third failure comes at least 4.8 s after the first, and its retry at least 24 s later, after
   * the flaky period.
   */
  static final class FlakyReceiver implements AutoCloseable {
    static final int FIRST_DOWN = 150;
    static final Duration FLAKY_FOR = Duration.ofSeconds(20);
    static final Duration WINDOW = Duration.ofMillis(400);
    static final long SLOW_MS = 8;

    record Received(
        String id, String timestamp, String signature, String body, long receivedAtSeconds) {}

    final Queue<Received> accepted = new ConcurrentLinkedQueue<>();
    final AtomicInteger refused = new AtomicInteger();
    private final Set<String> runs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long firstAt;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    FlakyReceiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.setExecutor(pool);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int distinctRuns() {
      return runs.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        int n = requests.incrementAndGet();
        long now = System.nanoTime();
        if (n == 1) {
          firstAt = now;
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
          Thread.sleep(SLOW_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (down(n, now)) {
          refused.incrementAndGet();
          if (n % 2 == 0) {
            exchange.sendResponseHeaders(503, -1);
          }
          // else: closed without an answer (the connection is dropped)
          return;
        }
        var headers = exchange.getRequestHeaders();
        accepted.add(
            new Received(
                headers.getFirst("webhook-id"),
                headers.getFirst("webhook-timestamp"),
                headers.getFirst("webhook-signature"),
                body,
                System.currentTimeMillis() / 1000));
        JsonNode run = TestServer.JSON.readTree(body).get("run");
        runs.add(run.get("id").asText());
        exchange.sendResponseHeaders(204, -1);
      }
    }

    private boolean down(int n, long now) {
      if (n <= FIRST_DOWN) {
        return true;
      }
      long since = now - firstAt;
      return since < FLAKY_FOR.toNanos() && (since / WINDOW.toNanos()) % 2 == 0;
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
