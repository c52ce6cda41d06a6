package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.drover.core.Await;
import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.sink.Deliverer;
import io.drover.core.state.DeliveryStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.DeliveryRecord;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.RunRecord;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished Runs delivered to a real webhook receiver, stepped on a settable clock. */
class DeliveriesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] KEY = "a-test-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);
  static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

  static final SecretBox BOX = SecretBox.of(new byte[32]);

  @TempDir Path dataDir;
  static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
  final SettableClock clock = new SettableClock(START);
  SqliteStore store;
  SteppedEngine stepped;
  WebhookReceiver receiver;

  static final class Echo implements Api<JsonParameters> {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) {
      if (parameters.containsKey("children")) {
        int children = ((Number) parameters.get("children")).intValue();
        for (int i = 0; i < children; i++) {
          context.extendPayload(PayloadItem.of("echo", Map.of("child", i)));
        }
      }
      return parameters;
    }
  }

  static final class Failing implements Api<JsonParameters> {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) {
      throw new IllegalStateException("the shop is closed");
    }
  }

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver();
    store = SqliteStore.open(dataDir);
    stepped = engine();
  }

  private SteppedEngine engine() {
    Project project =
        new Project() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public List<Api<?>> apis() {
            return List.of(new Echo(), new Failing());
          }
        };
    return new SteppedEngine(
        Engine.builder()
            .store(store)
            .projects(new ProjectRegistry().register(project))
            .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
            .secrets(BOX)
            .loop(
                parts ->
                    new Deliverer(
                        parts.store().deliveries(),
                        parts.clock(),
                        parts.node().id(),
                        parts.secrets(),
                        new SplittableRandom(7),
                        64,
                        8)),
        clock);
  }

  @AfterEach
  void stop() {
    stepped.close();
    store.close();
    receiver.close();
  }

  @Test
  void everyRunOfAJobRunIsDeliveredOnceWithTheSpecBodyAndAValidSignature() throws Exception {
    StringBuilder items =
        new StringBuilder("{\"apiName\":\"echo\",\"parameters\":{\"children\":2}}");
    for (int i = 1; i < 500; i++) {
      items.append(",{\"apiName\":\"echo\",\"parameters\":{\"n\":").append(i).append("}}");
    }
    String jobRunId =
        trigger(
            "five-hundred",
            items.toString(),
            "{\"type\":\"webhook\",\"url\":\""
                + receiver.url("/hook?token=t0ken")
                + "\",\"headers\":{\"X-Team\":\"blue\"},\"secret\":\""
                + SECRET
                + "\"}");
    stepped.runDue();
    // 8 sends at a time to the receiver: the rest of the claimed wait in the deliverer's memory.
    int sent = 0;
    for (int i = 0; i < 1000 && store.deliveries().countForJobRun(jobRunId)[0] > 0; i++) {
      sent += stepped.deliverDue();
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(sent).isEqualTo(502);
    assertThat(receiver.received).hasSize(502);
    Map<String, RunRecord> runs = new HashMap<>();
    for (RunRecord run : store.listRuns(jobRunId, null, null, null, 1000).items()) {
      runs.put(run.id(), run);
    }
    assertThat(runs).hasSize(502);
    for (WebhookReceiver.Received request : receiver.received) {
      assertThat(request.path()).isEqualTo("/hook");
      assertThat(request.query()).isEqualTo("token=t0ken");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("X-Team")).isEqualTo("blue");
      String id = request.header("webhook-id");
      String timestamp = request.header("webhook-timestamp");
      assertThat(Long.parseLong(timestamp))
          .isBetween(START.getEpochSecond(), clock.now().getEpochSecond());
      assertThat(request.header("webhook-signature"))
          .isEqualTo("v1," + hmac(id + "." + timestamp + "." + request.body()));
      JsonNode body = JSON.readTree(request.body());
      RunRecord run = runs.remove(body.path("run").path("id").asText());
      assertThat(run).isNotNull();
      assertThat(body).isEqualTo(expectedBody(id, run));
    }
    assertThat(runs).as("runs never delivered").isEmpty();
    RunRecord first = store.findRun("test", jobRunId + "-1").orElseThrow();
    DeliveryRecord delivery = store.deliveries().listForRun("test", first.id()).get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(store.deliveries().listTries(delivery.id()))
        .extracting(DeliveryTry::statusCode)
        .containsExactly(204);
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 502, 0);
    assertThat(store.deliveries().countForJobRuns(java.util.List.of(jobRunId)).get(jobRunId))
        .containsExactly(0, 502, 0);
  }

  @Test
  void apisToSendAndSkipOnFailChooseWhichRunsAreDelivered() throws Exception {
    String items =
        "{\"apiName\":\"echo\",\"parameters\":{}},"
            + "{\"apiName\":\"failing\",\"parameters\":{},\"retry\":{\"maximumAttempts\":1}}";
    String onlyEcho =
        trigger(
            "only-echo",
            items,
            "{\"type\":\"webhook\",\"url\":\""
                + receiver.url("/a")
                + "\",\"apisToSend\":[\"echo\"]}");
    stepped.runDue();
    stepped.engine.jobs().delete("test", "only-echo");
    String skipFailed =
        trigger(
            "skip-failed",
            items,
            "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/b") + "\",\"skipOnFail\":true}");
    stepped.runDue();
    String all =
        trigger("all", items, "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/c") + "\"}");
    stepped.runDue();
    for (int i = 0; i < 10; i++) {
      stepped.deliverDue();
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(delivered(onlyEcho)).containsExactly("echo");
    assertThat(delivered(skipFailed)).containsExactly("echo");
    assertThat(delivered(all)).containsExactlyInAnyOrder("echo", "failing");
    JsonNode failed =
        receiver.received.stream()
            .filter(r -> r.path().equals("/c"))
            .map(r -> read(r.body()))
            .filter(body -> body.path("run").path("apiName").asText().equals("failing"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.path("run").path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("run").path("error").asText()).contains("the shop is closed");
    assertThat(failed.path("run").has("result")).isFalse();
    assertThat(receiver.received).hasSize(4);
  }

  @Test
  void aReceiverFailingItsFirstRequestsGetsEveryRunOnceItRecovers() throws Exception {
    receiver.answers =
        n -> n <= 3 ? new WebhookReceiver.Answer(500, null) : WebhookReceiver.Answer.ok();
    String jobRunId = triggerEcho("flaky", 5, receiver.url("/hook"));
    stepped.runDue();
    assertThat(stepped.deliverDue()).isEqualTo(5);
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(3, 2, 0);
    assertThat(stepped.deliverDue()).as("backing off").isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(stepped.deliverDue()).isEqualTo(3);

    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 5, 0);
    Map<String, Integer> requestsById = new HashMap<>();
    receiver.received.forEach(r -> requestsById.merge(r.header("webhook-id"), 1, Integer::sum));
    assertThat(requestsById).hasSize(5);
    assertThat(requestsById.values()).containsOnly(1, 2);
    receiver.received.forEach(
        r ->
            assertThat(read(r.body()).path("deliveryId").asText())
                .isEqualTo(r.header("webhook-id")));
    DeliveryRecord retried =
        store
            .deliveries()
            .listForJobRun("test", jobRunId, DeliveryStatus.DELIVERED, null, 10)
            .items()
            .stream()
            .filter(d -> d.tries() == 2)
            .findFirst()
            .orElseThrow();
    assertThat(store.deliveries().listTries(retried.id()))
        .extracting(DeliveryTry::statusCode)
        .containsExactly(500, 204);
  }

  @Test
  void refusedConnectionsAreRetriedAndRecordedAsErrors() throws Exception {
    receiver.close();
    String url = receiver.url("/gone");
    String jobRunId = triggerEcho("refused", 1, url);
    stepped.runDue();
    assertThat(stepped.deliverDue()).isEqualTo(1);
    DeliveryRecord delivery =
        store.deliveries().listForJobRun("test", jobRunId, null, null, 10).items().get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.tries()).isEqualTo(1);
    assertThat(delivery.lastError()).isNotBlank().doesNotContain("127.0.0.1");
    assertThat(store.deliveries().listTries(delivery.id()).get(0).statusCode()).isNull();
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    receiver.answers =
        n -> n == 1 ? new WebhookReceiver.Answer(503, "120") : WebhookReceiver.Answer.ok();
    String jobRunId = triggerEcho("busy", 1, receiver.url("/hook"));
    stepped.runDue();
    assertThat(stepped.deliverDue()).isEqualTo(1);
    DeliveryRecord waiting =
        store.deliveries().listForJobRun("test", jobRunId, null, null, 10).items().get(0);
    assertThat(waiting.nextTryAt()).isEqualTo(clock.now().plusSeconds(120));
    clock.advance(Duration.ofSeconds(119));
    assertThat(stepped.deliverDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(stepped.deliverDue()).isEqualTo(1);
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 1, 0);
  }

  @Test
  void aDeliveryThatNeverSucceedsEndsFailedWithItsTriesAndCanBeRedelivered() throws Exception {
    receiver.answers = n -> new WebhookReceiver.Answer(500, null);
    String jobRunId = triggerEcho("down", 1, receiver.url("/hook"));
    stepped.runDue();
    Instant firstTry = clock.now();
    int tries = 0;
    for (int i = 0; i < 40 && store.deliveries().countForJobRun(jobRunId)[2] == 0; i++) {
      tries += stepped.deliverDue();
      DeliveryRecord now =
          store.deliveries().listForJobRun("test", jobRunId, null, null, 10).items().get(0);
      if (now.status() == DeliveryStatus.PENDING) {
        assertThat(stepped.deliverDue()).as("not due before its next try").isZero();
        clock.set(now.nextTryAt());
      }
    }
    assertThat(tries).isEqualTo(15);
    DeliveryRecord failed =
        store
            .deliveries()
            .listForJobRun("test", jobRunId, DeliveryStatus.FAILED, null, 10)
            .items()
            .get(0);
    assertThat(failed.tries()).isEqualTo(15);
    assertThat(failed.lastError()).isEqualTo("HTTP 500");
    List<DeliveryTry> recorded = store.deliveries().listTries(failed.id());
    assertThat(recorded).hasSize(15).extracting(DeliveryTry::statusCode).containsOnly(500);
    Duration span = Duration.between(firstTry, recorded.get(14).startedAt());
    assertThat(span).isBetween(Duration.ofHours(18), Duration.ofHours(32));
    // 1 s, 5 s, 30 s, 2 m, 5 m, 10 m, 30 m, 1 h, 2 h, 3 h, 3 h, 4 h, 5 h, 6 h, each ±20%
    long[] seconds = {1, 5, 30, 120, 300, 600, 1800, 3600, 7200, 10800, 10800, 14400, 18000, 21600};
    for (int i = 1; i < recorded.size(); i++) {
      Duration gap = Duration.between(recorded.get(i - 1).startedAt(), recorded.get(i).startedAt());
      assertThat(gap.toMillis())
          .as("gap before try " + (i + 1))
          .isBetween((long) (seconds[i - 1] * 800), (long) (seconds[i - 1] * 1200));
    }

    receiver.answers = n -> WebhookReceiver.Answer.ok();
    assertThat(stepped.deliverDue()).as("FAILED stays FAILED").isZero();
    assertThat(store.deliveries().redeliverFailed("test", jobRunId, clock.now())).isEqualTo(1);
    assertThat(stepped.deliverDue()).isEqualTo(1);
    DeliveryRecord delivered = store.deliveries().find("test", failed.id()).orElseThrow();
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.tries()).isEqualTo(16);
    assertThat(receiver.received.get(receiver.received.size() - 1).body())
        .isEqualTo(receiver.received.get(0).body());

    assertThat(store.deliveries().redeliver("test", failed.id(), clock.now())).isTrue();
    assertThat(stepped.deliverDue()).isEqualTo(1);
    assertThat(store.deliveries().redeliver("other", failed.id(), clock.now())).isFalse();
  }

  @Test
  void deliveriesHeldByAStoppedServerAreSentAfterARestart() throws Exception {
    String jobRunId = triggerEcho("crash", 3, receiver.url("/hook"));
    stepped.runDue();
    assertThat(store.deliveries().claimDue("a-node-that-crashed", 10, clock.now())).hasSize(3);
    assertThat(stepped.deliverDue()).as("held by the crashed node").isZero();

    stepped.close();
    stepped = engine();
    assertThat(stepped.deliverDue()).isEqualTo(3);
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 3, 0);
  }

  @Test
  void aSlowReceiverHoldsUpOnlyItsOwnDeliveries() throws Exception {
    CountDownLatch slowMayAnswer = new CountDownLatch(1);
    AtomicInteger slowRequests = new AtomicInteger();
    HttpServer slow =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slow.setExecutor(Executors.newCachedThreadPool());
    slow.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          slowRequests.incrementAndGet();
          try {
            slowMayAnswer.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    slow.start();
    try {
      String held =
          triggerEcho("slow", 20, "http://127.0.0.1:" + slow.getAddress().getPort() + "/");
      String fast = triggerEcho("fast", 20, receiver.url("/fast"));
      stepped.runDue();
      Deliverer deliverer = stepped.engine.loop(Deliverer.class).orElseThrow();
      deliverer.start();

      Await.until(() -> store.deliveries().countForJobRun(fast)[1] == 20, "the fast receiver's 20");
      assertThat(store.deliveries().countForJobRun(held)).containsExactly(20, 0, 0);
      assertThat(slowRequests.get()).as("8 sends at a time to one receiver").isEqualTo(8);
      assertThat(deliverer.inFlight()).as("the slow receiver's, claimed and waiting").isEqualTo(20);

      slowMayAnswer.countDown();
      Await.until(() -> store.deliveries().countForJobRun(held)[1] == 20, "the slow receiver's 20");
      assertThat(slowRequests.get()).isEqualTo(20);
      assertThat(deliverer.inFlight()).isZero();
    } finally {
      slowMayAnswer.countDown();
      slow.stop(0);
    }
  }

  @Test
  void aRunWithoutASinkHasNoDelivery() throws Exception {
    String jobRunId = trigger("plain", "{\"apiName\":\"echo\",\"parameters\":{}}", null);
    stepped.runDue();
    assertThat(store.findRun("test", jobRunId + "-1").orElseThrow().status())
        .isEqualTo(RunStatus.COMPLETED);
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 0, 0);
    assertThat(stepped.deliverDue()).isZero();
  }

  @Test
  void theSecretIsNotStoredInPlainText() throws Exception {
    String jobRunId =
        trigger(
            "secret",
            "{\"apiName\":\"echo\",\"parameters\":{}}",
            "{\"type\":\"webhook\",\"url\":\""
                + receiver.url("/hook?token=QUERYTOKEN123")
                + "\",\"headers\":{\"Authorization\":\"Bearer HEADERTOKEN123\"},\"secret\":\""
                + SECRET
                + "\"}");
    stepped.runDue();
    assertThat(stepped.deliverDue()).isEqualTo(1);
    assertThat(receiver.received.get(0).header("Authorization")).isEqualTo("Bearer HEADERTOKEN123");
    stepped.close();
    store.close();
    for (Path file : Files.list(dataDir).toList()) {
      if (Files.isRegularFile(file)) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes)
            .as(file.toString())
            .doesNotContain(SECRET)
            .doesNotContain("HEADERTOKEN123");
      }
    }
    store = SqliteStore.open(dataDir);
    stepped = engine();
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 1, 0);
  }

  @Test
  void theRedactedDocumentHidesTheUrlQueryAndKeepsItOnResave() throws Exception {
    trigger(
        "query",
        "{\"apiName\":\"echo\",\"parameters\":{}}",
        "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/hook?token=QUERYTOKEN") + "\"}");
    var out = new java.io.StringWriter();
    try (var generator = JSON.getFactory().createGenerator(out)) {
      stepped.engine.jobs().writeDocument(store.findJob("test", "query").orElseThrow(), generator);
    }
    assertThat(out.toString()).doesNotContain("QUERYTOKEN").contains("/hook?********");
  }

  private List<String> delivered(String jobRunId) {
    return store.deliveries().listForJobRun("test", jobRunId, null, null, 100).items().stream()
        .map(DeliveryRecord::apiName)
        .toList();
  }

  /** The body SPEC.md gives for a completed Run of project "test", built by the test itself. */
  static ObjectNode expectedBody(String deliveryId, RunRecord run) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("deliveryId", deliveryId);
    body.put("project", "test");
    body.putObject("job").put("id", run.jobId());
    body.putObject("jobRun").put("id", run.jobRunId());
    ObjectNode expected = body.putObject("run");
    expected.put("id", run.id()).put("apiName", run.apiName());
    expected.set("parameters", JSON.readTree(run.parametersJson()));
    expected.put("status", "completed");
    expected.set("result", JSON.readTree(run.resultJson()));
    expected.put("attempts", 1);
    expected.put("startedAt", run.startedAt().toString());
    expected.put("endedAt", run.endedAt().toString());
    var extended = expected.putArray("extendedPayload");
    if (run.parametersJson().contains("children")) {
      for (int i = 0; i < 2; i++) {
        extended.addObject().put("apiName", "echo").putObject("parameters").put("child", i);
      }
    }
    return body;
  }

  private static String hmac(String content) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String triggerEcho(String id, int items, String url) {
    StringBuilder payload = new StringBuilder();
    for (int i = 0; i < items; i++) {
      payload
          .append(i == 0 ? "" : ",")
          .append("{\"apiName\":\"echo\",\"parameters\":{\"n\":" + i + "}}");
    }
    return trigger(id, payload.toString(), "{\"type\":\"webhook\",\"url\":\"" + url + "\"}");
  }

  private String trigger(String id, String items, String sink) {
    String json =
        "{\"id\":\""
            + id
            + "\",\"payload\":["
            + items
            + "]"
            + (sink == null ? "" : ",\"sink\":" + sink)
            + "}";
    stepped
        .engine
        .jobs()
        .create("test", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    return stepped.engine.jobs().trigger("test", id, Trigger.MANUAL).id();
  }
}
