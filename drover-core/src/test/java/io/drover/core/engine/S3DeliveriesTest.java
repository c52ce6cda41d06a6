package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.core.LocalS3;
import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.sink.Deliverer;
import io.drover.core.state.DeliveryStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.DeliveryRecord;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.RunRecord;
import io.drover.core.store.Store;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.Project;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finished Runs put into S3Proxy (the S3 protocol, path style), stepped on a settable clock. On
 * SQLite here; {@code PostgresS3DeliveriesTest} runs the same on PostgreSQL.
 */
class S3DeliveriesTest {
  static final String BUCKET = "drover-results";
  static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

  @TempDir Path dataDir;
  final SettableClock clock = new SettableClock(START);
  Store store;
  SteppedEngine stepped;
  LocalS3 s3;

  @BeforeEach
  void start() throws Exception {
    s3 = new LocalS3();
    s3.createBucket(BUCKET);
    store = openStore();
    stepped = engine();
  }

  Store openStore() {
    return SqliteStore.open(dataDir);
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
            return List.of(new DeliveriesTest.Echo(), new DeliveriesTest.Failing());
          }
        };
    return new SteppedEngine(
        Engine.builder()
            .store(store)
            .projects(new ProjectRegistry().register(project))
            .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
            .secrets(SecretBox.of(new byte[32]))
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
  void stop() throws Exception {
    stepped.close();
    store.close();
    s3.close();
  }

  @Test
  void everyRunOfAJobRunIsAnObjectAtItsKeyHoldingTheDeliveryBody() throws Exception {
    StringBuilder items =
        new StringBuilder("{\"apiName\":\"echo\",\"parameters\":{\"children\":2}}");
    for (int i = 1; i < 300; i++) {
      items.append(",{\"apiName\":\"echo\",\"parameters\":{\"n\":").append(i).append("}}");
    }
    String jobRunId = trigger("three-hundred", items.toString(), sink("team/blue/", ""));
    stepped.runDue();
    int first = stepped.deliverDue();
    int sent = first + deliverAll(jobRunId);

    assertThat(first)
        .as("as many claimed as the deliverer holds (64), sent 8 at a time to one bucket")
        .isEqualTo(64);
    assertThat(sent).isEqualTo(302);
    Map<String, LocalS3.StoredObject> objects = s3.objects(BUCKET);
    assertThat(objects).hasSize(302);
    Map<String, RunRecord> runs = new HashMap<>();
    for (RunRecord run : store.listRuns(jobRunId, null, null, null, 1000).items()) {
      runs.put(run.id(), run);
    }
    assertThat(runs).hasSize(302);
    for (RunRecord run : runs.values()) {
      String key = "team/blue/three-hundred/" + jobRunId + "/echo/" + run.id() + ".json";
      LocalS3.StoredObject object = objects.get(key);
      assertThat(object).as(key).isNotNull();
      assertThat(object.contentType()).isEqualTo("application/json");
      assertThat(object.metadata()).containsEntry("delivery-id", "dlv-" + run.id());
      assertThat(DeliveriesTest.JSON.readTree(object.body()))
          .as(key)
          .isEqualTo(DeliveriesTest.expectedBody("dlv-" + run.id(), run));
    }
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 302, 0);
    DeliveryRecord delivery = store.deliveries().listForRun("test", jobRunId + "-1").get(0);
    assertThat(store.deliveries().listTries(delivery.id()))
        .extracting(DeliveryTry::statusCode)
        .containsExactly(200);
  }

  @Test
  void apisToSendAndSkipOnFailChooseWhichRunsArePut() throws Exception {
    String items =
        "{\"apiName\":\"echo\",\"parameters\":{}},"
            + "{\"apiName\":\"failing\",\"parameters\":{},\"retry\":{\"maximumAttempts\":1}}";
    String onlyEcho = trigger("only-echo", items, sink("a/", ",\"apisToSend\":[\"echo\"]"));
    stepped.runDue();
    String skipFailed = trigger("skip-failed", items, sink("b/", ",\"skipOnFail\":true"));
    stepped.runDue();
    String all = trigger("all", items, sink("c/", ""));
    stepped.runDue();
    deliverAll(onlyEcho);
    deliverAll(skipFailed);
    deliverAll(all);

    assertThat(s3.keys(BUCKET))
        .containsExactlyInAnyOrder(
            "a/only-echo/" + onlyEcho + "/echo/" + onlyEcho + "-1.json",
            "b/skip-failed/" + skipFailed + "/echo/" + skipFailed + "-1.json",
            "c/all/" + all + "/echo/" + all + "-1.json",
            "c/all/" + all + "/failing/" + all + "-2.json");
    JsonNode failed =
        DeliveriesTest.JSON.readTree(
            s3.objects(BUCKET).get("c/all/" + all + "/failing/" + all + "-2.json").body());
    assertThat(failed.path("run").path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("run").path("error").asText()).contains("the shop is closed");
  }

  @Test
  void wrongCredentialsAreRetriedThenFailedWithAClearErrorHoldingNoKey() throws Exception {
    String keyId = "AKIAWRONGKEYID00042";
    String secret = "wrong/SECRET+key+for+drover+42";
    String jobRunId =
        trigger(
            "denied",
            "{\"apiName\":\"echo\",\"parameters\":{}}",
            "{\"type\":\"s3\",\"bucket\":\""
                + BUCKET
                + "\",\"region\":\"us-east-1\",\"endpoint\":\""
                + s3.endpoint()
                + "\",\"forcePathStyle\":true,\"accessKeyId\":\""
                + keyId
                + "\",\"secretAccessKey\":\""
                + secret
                + "\"}");
    stepped.runDue();
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
        store.deliveries().listForJobRun("test", jobRunId, null, null, 10).items().get(0);
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    // S3 says "The AWS Access Key Id you provided does not exist in our records", S3Proxy
    // "Forbidden": the code is what they share.
    assertThat(failed.lastError()).startsWith("S3 HTTP 403 InvalidAccessKeyId: ");
    List<DeliveryTry> recorded = store.deliveries().listTries(failed.id());
    assertThat(recorded).hasSize(15).extracting(DeliveryTry::statusCode).containsOnly(403);
    assertThat(Duration.between(START, recorded.get(14).startedAt()))
        .isBetween(Duration.ofHours(18), Duration.ofHours(32));
    for (DeliveryTry attempt : recorded) {
      assertThat(attempt.error()).doesNotContain(keyId).doesNotContain(secret);
    }
    assertThat(s3.keys(BUCKET)).isEmpty();
  }

  @Test
  void aMissingBucketIsRetriedWithAClearErrorUntilItExists() throws Exception {
    String jobRunId =
        trigger(
            "no-bucket",
            "{\"apiName\":\"echo\",\"parameters\":{}}",
            sink("", "").replace(BUCKET, "not-made-yet"));
    stepped.runDue();
    assertThat(stepped.deliverDue()).isEqualTo(1);
    DeliveryRecord waiting =
        store.deliveries().listForJobRun("test", jobRunId, null, null, 10).items().get(0);
    assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(waiting.lastError()).startsWith("S3 HTTP 404 NoSuchBucket");

    s3.createBucket("not-made-yet");
    clock.set(waiting.nextTryAt());
    assertThat(stepped.deliverDue()).isEqualTo(1);
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 1, 0);
    assertThat(s3.keys("not-made-yet"))
        .containsExactly("no-bucket/" + jobRunId + "/echo/" + jobRunId + "-1.json");
    assertThat(store.deliveries().listTries(waiting.id()))
        .extracting(DeliveryTry::statusCode)
        .containsExactly(404, 200);
  }

  @Test
  void theKeysAppearInNoDocumentErrorLogOrFileOfTheDataDirectory() throws Exception {
    assumeTrue(store instanceof SqliteStore, "the data directory's files are SQLite's");
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String jobRunId;
    StringWriter document = new StringWriter();
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      stepped.close();
      store.close();
      store = SqliteStore.open(dataDir);
      stepped = engine();
      jobRunId =
          trigger(
              "secret-keys",
              "{\"apiName\":\"echo\",\"parameters\":{}},{\"apiName\":\"failing\",\"parameters\":{},"
                  + "\"retry\":{\"maximumAttempts\":1}}",
              sink("", ""));
      stepped.runDue();
      deliverAll(jobRunId);
      try (var generator = DeliveriesTest.JSON.getFactory().createGenerator(document)) {
        stepped
            .engine
            .jobs()
            .writeDocument(store.findJob("test", "secret-keys").orElseThrow(), generator);
      }
      stepped.close();
      store.close();
    } finally {
      System.setErr(err);
    }
    assertThat(log.toString()).as("the log was captured").containsIgnoringCase("flyway");
    assertThat(s3.keys(BUCKET)).hasSize(2);
    assertThat(document.toString()).contains("\"accessKeyId\"").contains("********");
    List<String> texts = new java.util.ArrayList<>(List.of(document.toString(), log.toString()));
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(texts.size()).as("the document, the log and the data files").isGreaterThan(2);
    for (String text : texts) {
      assertThat(text)
          .doesNotContain(LocalS3.ACCESS_KEY_ID)
          .doesNotContain(LocalS3.SECRET_ACCESS_KEY);
    }
    store = SqliteStore.open(dataDir);
    stepped = engine();
    assertThat(store.deliveries().countForJobRun(jobRunId)).containsExactly(0, 2, 0);
    for (DeliveryRecord delivery :
        store.deliveries().listForJobRun("test", jobRunId, null, null, 10).items()) {
      assertThat(String.valueOf(delivery)).doesNotContain(LocalS3.ACCESS_KEY_ID);
    }
  }

  /** Steps the deliverer a second at a time until nothing of the JobRun is PENDING. */
  private int deliverAll(String jobRunId) {
    int sent = 0;
    for (int i = 0; i < 1000 && store.deliveries().countForJobRun(jobRunId)[0] > 0; i++) {
      sent += stepped.deliverDue();
      clock.advance(Duration.ofSeconds(1));
    }
    return sent;
  }

  private String sink(String prefix, String more) {
    return "{\"type\":\"s3\",\"bucket\":\""
        + BUCKET
        + "\",\"region\":\"eu-west-1\",\"prefix\":\""
        + prefix
        + "\",\"endpoint\":\""
        + s3.endpoint()
        + "\",\"forcePathStyle\":true,\"accessKeyId\":\""
        + LocalS3.ACCESS_KEY_ID
        + "\",\"secretAccessKey\":\""
        + LocalS3.SECRET_ACCESS_KEY
        + "\""
        + more
        + "}";
  }

  private String trigger(String id, String items, String sink) {
    String json = "{\"id\":\"" + id + "\",\"payload\":[" + items + "],\"sink\":" + sink + "}";
    stepped
        .engine
        .jobs()
        .create("test", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    return stepped.engine.jobs().trigger("test", id, Trigger.MANUAL).id();
  }
}
