package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone Run started with a sink of its own delivers its outcome there. */
class StandaloneRunSinkTest {
  static final String SECRET = "standalone-signing-secret";
  static final String TOKEN = "standalone-header-token";
  @TempDir Path dataDir;
  TestServer server;
  HttpServer receiver;
  final LinkedBlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              Map.of(
                  "body", body,
                  "authorization", exchange.getRequestHeaders().getFirst("Authorization"),
                  "id", exchange.getRequestHeaders().getFirst("webhook-id"),
                  "signature", exchange.getRequestHeaders().getFirst("webhook-signature")));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
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
  void itsOutcomeIsDeliveredSignedWithNoJobOrJobRun() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/runs";
    TestServer.Response created =
        server.post(
            "/api/v1/projects/demo/runs",
            "{\"apiName\":\"echo\",\"parameters\":{\"n\":7},\"sink\":{\"type\":\"webhook\",\"url\":\""
                + url
                + "\",\"headers\":{\"Authorization\":\""
                + TOKEN
                + "\"},\"secret\":\""
                + SECRET
                + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String runId = created.json().get("runId").asText();

    Map<String, String> request = received.poll(30, TimeUnit.SECONDS);
    assertThat(request).as("the Run's outcome arrived").isNotNull();
    JsonNode body = Views.JSON.readTree(request.get("body"));
    assertThat(body.get("deliveryId").asText()).isEqualTo("dlv-" + runId);
    assertThat(request.get("id")).isEqualTo("dlv-" + runId);
    assertThat(body.get("project").asText()).isEqualTo("demo");
    assertThat(body.get("job").isNull()).isTrue();
    assertThat(body.get("jobRun").isNull()).isTrue();
    assertThat(body.get("run").get("id").asText()).isEqualTo(runId);
    assertThat(body.get("run").get("status").asText()).isEqualTo("completed");
    assertThat(body.get("run").get("result").get("echo").get("n").asInt()).isEqualTo(7);
    assertThat(request.get("authorization")).isEqualTo(TOKEN);
    assertThat(request.get("signature")).startsWith("v1,");

    JsonNode delivery =
        server
            .awaitRun(
                runId,
                run ->
                    !run.get("delivery").isNull()
                        && run.get("delivery").get("status").asText().equals("DELIVERED"))
            .get("delivery");
    assertThat(delivery.get("jobRunId").isNull()).isTrue();
    assertThat(server.get("/api/v1/projects/demo/runs/" + runId + "/deliveries").body())
        .contains("DELIVERED");

    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(file.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
      }
    }
  }

  @Test
  void aBadSinkIsA400AtItsPath() {
    record Case(String sink, String path) {}
    List<Case> cases =
        List.of(
            new Case("\"hook\"", "$.sink"),
            new Case("{\"type\":\"webhook\"}", "$.sink.url"),
            new Case("{\"type\":\"webhook\",\"url\":\"ftp://x.example/\"}", "$.sink.url"),
            new Case(
                "{\"type\":\"webhook\",\"url\":\"http://x.example/\",\"secret\":\"short\"}",
                "$.sink.secret"),
            new Case("{\"type\":\"mail\"}", "$.sink.type"),
            new Case(
                "{\"type\":\"webhook\",\"url\":\"http://x.example/\",\"apisToSend\":[\"nope\"]}",
                "$.sink.apisToSend[0]"),
            new Case(
                "{\"type\":\"webhook\",\"url\":\"http://x.example/\",\"extra\":1}",
                "$.sink.extra"));
    for (Case c : cases) {
      TestServer.Response refused =
          server.post(
              "/api/v1/projects/demo/runs", "{\"apiName\":\"echo\",\"sink\":" + c.sink() + "}");
      assertThat(refused.status()).as(c.sink() + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).as(c.sink()).contains("\"path\":\"" + c.path() + "\"");
      assertThat(refused.body()).doesNotContain("short");
    }
  }
}
