package io.drover.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.LocalS3;
import io.drover.core.job.SinkConfig;
import io.drover.core.store.DueDelivery;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PutObject against S3Proxy in-process: keys, bodies, client reuse and the errors recorded. */
class S3SenderTest {
  static final String BUCKET = "results";
  LocalS3 s3;
  ExecutorService executor;
  S3Sender sender;

  @BeforeEach
  void start() throws Exception {
    s3 = new LocalS3();
    s3.createBucket(BUCKET);
    executor = Executors.newCachedThreadPool();
    sender = new S3Sender(executor, header -> null);
  }

  @AfterEach
  void stop() throws Exception {
    sender.close();
    executor.shutdownNow();
    s3.close();
  }

  private SinkConfig.S3 sink(String bucket, String prefix, String keyId, String secret) {
    return new SinkConfig.S3(
        bucket, "eu-west-1", prefix, keyId, secret, s3.endpoint(), true, false, null);
  }

  private SinkConfig.S3 sink(String prefix) {
    return sink(BUCKET, prefix, LocalS3.ACCESS_KEY_ID, LocalS3.SECRET_ACCESS_KEY);
  }

  private static DueDelivery ofJobRun(String runId) {
    return new DueDelivery(
        "dlv-" + runId,
        "nightly",
        "jr-1",
        runId,
        "echo",
        "{\"run\":\"" + runId + "\"}",
        0,
        null,
        "demo",
        null);
  }

  @Test
  void aRunOfAJobRunIsPutAtPrefixJobJobRunApiRunAsJson() {
    TryResult result = sender.send(sink("teams/blue/"), ofJobRun("jr-1-7")).join();

    assertThat(result.delivered()).as(String.valueOf(result.error())).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    Map<String, LocalS3.StoredObject> objects = s3.objects(BUCKET);
    assertThat(objects).containsOnlyKeys("teams/blue/nightly/jr-1/echo/jr-1-7.json");
    LocalS3.StoredObject object = objects.get("teams/blue/nightly/jr-1/echo/jr-1-7.json");
    assertThat(object.contentType()).isEqualTo("application/json");
    assertThat(object.body()).isEqualTo("{\"run\":\"jr-1-7\"}");
    assertThat(object.metadata()).containsEntry("delivery-id", "dlv-jr-1-7");
  }

  @Test
  void aStandaloneRunIsPutUnderRuns() {
    DueDelivery standalone =
        new DueDelivery("dlv-run-9", null, null, "run-9", "visit", "{}", 0, null, "demo", null);
    TryResult result = sender.send(sink(""), standalone).join();
    assertThat(result.delivered()).as(String.valueOf(result.error())).isTrue();
    assertThat(s3.keys(BUCKET)).containsExactly("runs/visit/run-9.json");
  }

  @Test
  void sinksThatConnectAlikeShareOneClient() {
    s3.createBucket("other");
    sender.send(sink("a/"), ofJobRun("r1")).join();
    sender.send(sink("b/"), ofJobRun("r2")).join();
    sender
        .send(sink("other", "", LocalS3.ACCESS_KEY_ID, LocalS3.SECRET_ACCESS_KEY), ofJobRun("r3"))
        .join();
    assertThat(sender.clients()).as("prefix and bucket need no client of their own").isEqualTo(1);
    sender.send(sink(BUCKET, "", "AKIAANOTHERKEY00001", "another-secret"), ofJobRun("r4")).join();
    assertThat(sender.clients()).isEqualTo(2);
    assertThat(s3.keys(BUCKET)).hasSize(2);
    assertThat(s3.keys("other")).hasSize(1);
  }

  @Test
  void wrongCredentialsAreA403WithTheS3CodeAndNoKey() {
    String keyId = "AKIAWRONGKEYID00001";
    String secret = "wrong/SECRET+key+abcdefghijklmnop";
    TryResult unknownKey = sender.send(sink(BUCKET, "", keyId, secret), ofJobRun("r1")).join();
    TryResult wrongSecret =
        sender.send(sink(BUCKET, "", LocalS3.ACCESS_KEY_ID, secret), ofJobRun("r2")).join();

    for (TryResult result : new TryResult[] {unknownKey, wrongSecret}) {
      assertThat(result.delivered()).isFalse();
      assertThat(result.statusCode()).isEqualTo(403);
      assertThat(result.error())
          .startsWith("S3 HTTP 403 ")
          .doesNotContain(keyId)
          .doesNotContain(secret)
          .doesNotContain(LocalS3.ACCESS_KEY_ID)
          .doesNotContain(LocalS3.SECRET_ACCESS_KEY);
    }
    assertThat(unknownKey.error()).contains("InvalidAccessKeyId");
    assertThat(wrongSecret.error()).contains("SignatureDoesNotMatch");
    assertThat(s3.keys(BUCKET)).isEmpty();
  }

  @Test
  void aMissingBucketIsA404NoSuchBucket() {
    TryResult result =
        sender
            .send(
                sink("no-such-bucket", "", LocalS3.ACCESS_KEY_ID, LocalS3.SECRET_ACCESS_KEY),
                ofJobRun("r1"))
            .join();
    assertThat(result.statusCode()).isEqualTo(404);
    assertThat(result.error()).startsWith("S3 HTTP 404 NoSuchBucket");
  }

  @Test
  void aStoreThatIsNotThereIsAnErrorWithoutStatus() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SinkConfig.S3 gone =
        new SinkConfig.S3(
            BUCKET,
            null,
            "",
            LocalS3.ACCESS_KEY_ID,
            LocalS3.SECRET_ACCESS_KEY,
            "http://127.0.0.1:" + closedPort,
            true,
            false,
            null);
    TryResult result = sender.send(gone, ofJobRun("r1")).join();
    assertThat(result.statusCode()).isNull();
    assertThat(result.error())
        .contains("Connect")
        .doesNotContain(LocalS3.ACCESS_KEY_ID)
        .doesNotContain(LocalS3.SECRET_ACCESS_KEY);
  }

  @Test
  void keysAreScrubbedFromAnyText() {
    SinkConfig.S3 sink = sink("");
    String text =
        "denied for " + LocalS3.ACCESS_KEY_ID + " signed with " + LocalS3.SECRET_ACCESS_KEY;
    assertThat(S3Sender.scrub(text, sink)).isEqualTo("denied for ******** signed with ********");
  }

  @Test
  void theTargetIsTheEndpointAndBucket() {
    assertThat(S3Sender.targetOf(sink(""))).isEqualTo(s3.endpoint() + "/" + BUCKET);
    SinkConfig.S3 aws = new SinkConfig.S3("b", null, "", "k", "s", null, false, false, null);
    assertThat(S3Sender.targetOf(aws)).isEqualTo("s3:us-east-1/b");
  }
}
