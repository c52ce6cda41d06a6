package io.drover.server;

import static io.drover.server.Docs.echo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server delivering to a real receiver on 127.0.0.1, seen through the delivery endpoints. */
class DeliveryEndpointsTest {
  @TempDir Path dataDir;
  TestServer server;
  HttpServer receiver;
  final CountDownLatch received = new CountDownLatch(4);

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          received.countDown();
        });
    receiver.start();
    server = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
    receiver.stop(0);
  }

  @Test
  void deliveriesAreListedCountedAndRedelivered() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?token=QUERYTOKEN";
    server.createJob(
        "{\"id\":\"hooked\",\"payload\":["
            + echo("{\"n\":1}")
            + ","
            + echo("{\"n\":2}")
            + ","
            + echo("{\"n\":3}")
            + "],\"sink\":{\"type\":\"webhook\",\"url\":\""
            + url
            + "\",\"headers\":{\"Authorization\":\"Bearer HEADERTOKEN\"},\"secret\":\"whsec_c2VjcmV0\"}}");
    String jobRunId = server.trigger("hooked");
    String deliveries = "/api/v1/projects/demo/job-runs/" + jobRunId + "/deliveries";
    JsonNode delivered =
        await(deliveries + "?status=DELIVERED", page -> page.get("items").size() == 3);
    assertThat(server.jobRun(jobRunId).get("deliveries").get("delivered").asInt()).isEqualTo(3);

    String runId = delivered.get("items").get(0).get("runId").asText();
    TestServer.Response ofRun = server.get("/api/v1/projects/demo/runs/" + runId + "/deliveries");
    assertThat(ofRun.status()).isEqualTo(200);
    JsonNode delivery = ofRun.json().get("items").get(0);
    assertThat(delivery.get("history").get(0).get("statusCode").asInt()).isEqualTo(204);

    TestServer.Response again =
        server.post(
            "/api/v1/projects/demo/deliveries/" + delivery.get("id").asText() + "/redeliver", null);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(received.await(30, TimeUnit.SECONDS)).as("the redelivery arrived").isTrue();
    assertThat(server.post("/api/v1/projects/demo/deliveries/dlv-nope/redeliver", null).status())
        .isEqualTo(404);
    TestServer.Response all =
        server.post("/api/v1/projects/demo/job-runs/" + jobRunId + "/redeliver", null);
    assertThat(all.json().get("redelivered").asInt()).as("none FAILED").isZero();

    String job = server.get("/api/v1/projects/demo/jobs/hooked").body();
    assertThat(job).doesNotContain("QUERYTOKEN").doesNotContain("HEADERTOKEN");
  }

  @Test
  void anS3SinkIsAcceptedAndItsFailedTriesShowNoKey() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TestServer.Response created =
        server.post(
            "/api/v1/projects/demo/jobs",
            "{\"id\":\"to-s3\",\"payload\":["
                + echo("{}")
                + "],\"sink\":{\"type\":\"s3\",\"bucket\":\"results\",\"region\":\"eu-west-1\","
                + "\"endpoint\":\"http://127.0.0.1:"
                + closedPort
                + "\",\"forcePathStyle\":true,"
                + "\"accessKeyId\":\"AKIAEXAMPLEKEY0042\",\"secretAccessKey\":\"S3CR3T-access-key\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("AKIAEXAMPLEKEY0042").doesNotContain("S3CR3T");
    String jobRunId = server.trigger("to-s3");
    JsonNode tried =
        await(
            "/api/v1/projects/demo/job-runs/" + jobRunId + "/deliveries",
            page ->
                page.get("items").size() == 1
                    && !page.get("items").get(0).get("lastError").isNull());
    JsonNode delivery = tried.get("items").get(0);
    assertThat(delivery.get("status").asText()).isEqualTo("PENDING");
    assertThat(delivery.get("lastError").asText()).containsIgnoringCase("connect");
    TestServer.Response ofRun =
        server.get("/api/v1/projects/demo/runs/" + delivery.get("runId").asText() + "/deliveries");
    for (String body :
        new String[] {
          tried.toString(),
          ofRun.body(),
          server.get("/api/v1/projects/demo/jobs/to-s3").body(),
          server.get("/api/v1/projects/demo/job-runs/" + jobRunId).body()
        }) {
      assertThat(body).doesNotContain("AKIAEXAMPLEKEY0042").doesNotContain("S3CR3T");
    }
  }

  private JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      TestServer.Response response = server.get(path);
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      last = response.json();
      if (condition.test(last)) {
        return last;
      }
      received.await(50, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("not met within 30 s: " + path + " -> " + last);
  }
}
