package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.core.store.postgres.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one PostgreSQL: the nodes endpoint, and artifacts asked of the other node. */
class ClusterEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient(); // follows no redirect
  private final List<DroverServer> servers = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    servers.forEach(DroverServer::close);
  }

  private DroverServer server(String name, String database) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ServerSettings settings =
        ServerSettings.defaults()
            .withPort(port)
            .withDataDir(dir.resolve(name))
            .withBrowser(ServerSettings.defaults().browser().withEnabled(false))
            .withDatabase(new DatabaseSettings(database, TestPostgres.USER, null))
            .withNode(NodeSettings.DEFAULTS.withName(name));
    DroverServer server = DroverServer.start(settings);
    servers.add(server);
    return server;
  }

  /** The admin key the first node made in the shared database; every node accepts it. */
  private String adminKey() {
    return ApiKeys.readAdminKey(dir.resolve("a")).orElseThrow();
  }

  private HttpResponse<String> send(String method, String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + adminKey())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String url) throws Exception {
    return TestServer.JSON.readTree(send("GET", url, null).body());
  }

  @Test
  void everyNodeListsTheClusterAndSendsClientsToTheNodeThatHasAnAttemptsLogs() throws Exception {
    String database = TestPostgres.freshDatabase();
    DroverServer a = server("a", database);
    DroverServer b = server("b", database);

    JsonNode nodes = json(a.baseUrl() + "/api/v1/cluster/nodes");
    assertThat(nodes.get("self").asText()).isEqualTo(a.node().id());
    assertThat(nodes.get("items"))
        .extracting(n -> n.get("name").asText(), n -> n.get("status").asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "UP"),
            org.assertj.core.groups.Tuple.tuple("b", "UP"));
    assertThat(nodes.get("items").get(1).get("url").asText()).isEqualTo(b.baseUrl());
    assertThat(nodes.get("items").get(0).get("slots").asInt()).isPositive();

    String runs = "/api/v1/projects/demo/runs";
    String created =
        send("POST", b.baseUrl() + runs, "{\"apiName\":\"echo\",\"parameters\":{\"log\":\"hi\"}}")
            .body();
    String runId = TestServer.JSON.readTree(created).get("runId").asText();
    JsonNode run =
        TestServer.await(
            () -> {
              try {
                return json(a.baseUrl() + runs + "/" + runId);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            r -> r.get("status").asText().equals("COMPLETED"),
            "run " + runId);
    String ranOn = run.get("attempts").get(0).get("node").asText();
    DroverServer owner = ranOn.equals(a.node().id()) ? a : b;
    DroverServer other = owner == a ? b : a;
    String logs = runs + "/" + runId + "/attempts/1/logs";

    HttpResponse<String> redirect = send("GET", other.baseUrl() + logs, null);

    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location")).contains(owner.baseUrl() + logs);
    HttpResponse<String> there = send("GET", owner.baseUrl() + logs, null);
    assertThat(there.statusCode()).isEqualTo(200);
    assertThat(there.body()).contains("echo attempt 1: hi");
  }
}
