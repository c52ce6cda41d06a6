package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Drover server in a process of its own (a real node: SIGKILL ends it with no shutdown hook),
 * started from the test class path, with a small HTTP client for it.
 */
final class NodeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final int port;
  final Path dataDir;
  final Process process;

  private NodeProcess(int port, Path dataDir, Process process) {
    this.port = port;
    this.dataDir = dataDir;
    this.process = process;
  }

  /** Starts {@code drover server} on a free port; {@code env} and flags as a user would give. */
  static NodeProcess start(Path dataDir, List<String> flags, java.util.Map<String, String> env)
      throws IOException {
    Files.createDirectories(dataDir);
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.addAll(
        List.of(
            "io.drover.server.Main",
            "server",
            "--port",
            Integer.toString(port),
            "--data",
            dataDir.toString(),
            "--browser",
            "false"));
    command.addAll(flags);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("server-" + System.nanoTime() + ".log").toFile());
    builder.environment().putAll(env);
    NodeProcess node = new NodeProcess(port, dataDir, builder.start());
    TestServer.await(node::healthStatus, status -> status == 200, "node on port " + port);
    return node;
  }

  /**
   * The admin key of the cluster: the first node to start on a database writes it to its own data
   * directory, so it is in this node's or in a sibling's (the tests put the nodes side by side).
   */
  String adminKey() {
    try (var siblings = Files.list(dataDir.toAbsolutePath().getParent())) {
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(dataDir), siblings)
          .map(ApiKeys::readAdminKey)
          .flatMap(java.util.Optional::stream)
          .findFirst()
          .orElse("none");
    } catch (IOException e) {
      return "none";
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  int healthStatus() {
    try {
      return send("GET", "/api/v1/health", null).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  JsonNode get(String path) {
    try {
      HttpResponse<String> response = send("GET", path, null);
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET " + path + ": " + response.statusCode() + " " + response.body());
      }
      return TestServer.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
  }

  HttpResponse<String> send(String method, String path, String body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + adminKey())
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** POSTs and expects {@code status}; returns the body as JSON (or null if empty). */
  JsonNode post(String path, String body, int status) {
    try {
      HttpResponse<String> response = send("POST", path, body);
      if (response.statusCode() != status) {
        throw new AssertionError(
            "POST " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response.body().isEmpty() ? null : TestServer.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("POST " + path + " failed", e);
    }
  }

  String nodeId() {
    return get("/api/v1/health").get("node").asText();
  }

  /** SIGKILL: no shutdown hook, nothing handed back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
