package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.engine.EngineSettings;
import io.drover.core.project.ProjectRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real server on a free port with its own SQLite data directory, and a small HTTP client for it.
 */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  final DroverServer server;

  /** The admin key the server's first start wrote to its data directory (null: auth = none). */
  final String adminKey;

  private final EngineChanges changes = new EngineChanges();
  private final HttpClient http = HttpClient.newHttpClient();

  TestServer(Path dataDir) {
    this(dataDir, ServerSettings.defaults());
  }

  TestServer(Path dataDir, ServerSettings base) {
    this(dataDir, base, null);
  }

  /** With these Projects ({@code null}: those found on the class path). */
  TestServer(Path dataDir, ServerSettings base, ProjectRegistry projects) {
    this(dataDir, base, projects, java.util.function.UnaryOperator.identity());
  }

  /** With the server's store seen through {@code storeView} (e.g. counting its calls). */
  TestServer(
      Path dataDir,
      ServerSettings base,
      ProjectRegistry projects,
      java.util.function.UnaryOperator<io.drover.core.store.Store> storeView) {
    EngineSettings engine =
        base.engine().withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    ServerSettings settings = base.withPort(0).withDataDir(dataDir).withEngine(engine);
    this.server =
        DroverServer.start(
            settings,
            projects == null ? discovered(settings) : projects,
            Clock.system(),
            changes,
            storeView);
    this.adminKey = ApiKeys.readAdminKey(dataDir).orElse(null);
  }

  private static ProjectRegistry discovered(ServerSettings settings) {
    return ProjectRegistry.discover(
        io.drover.core.project.ProjectJars.loader(
            settings.projectsDir(), DroverServer.class.getClassLoader()));
  }

  /** A new API key for {@code project} ({@code null}: an admin key), made through the API. */
  String newKey(String project) {
    Response made =
        post(
            "/api/v1/keys",
            project == null ? "{\"admin\":true}" : "{\"project\":\"" + project + "\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json().get("key").asText();
  }

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, String body) {
    return send("POST", path, body);
  }

  Response put(String path, String body) {
    return send("PUT", path, body);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  Response send(String method, String path, String body) {
    return sendAs(adminKey, method, path, body);
  }

  /** Sends with this API key ({@code null}: with none). */
  Response sendAs(String key, String method, String path, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      describedAsAnswered(method, path, response, response.body().getBytes(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  /** An answer with its headers. */
  record Exchange(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      return new Response(status, body).json();
    }
  }

  /**
   * Sends with the admin key and exactly these extra headers (no Content-Type unless given), the
   * answer checked against openapi.json.
   */
  Exchange exchange(
      String method, String path, String body, java.util.Map<String, String> headers) {
    return exchange(
        method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** {@link #exchange(String, String, String, java.util.Map)} with a body of any bytes. */
  Exchange exchange(
      String method, String path, byte[] body, java.util.Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    if (adminKey != null) {
      builder.header("Authorization", "Bearer " + adminKey);
    }
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      describedAsAnswered(method, path, response, response.body().getBytes(StandardCharsets.UTF_8));
      return new Exchange(response.statusCode(), response.body(), response.headers());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  /** Every answer must be one the OpenAPI description allows for its route. */
  private static void describedAsAnswered(
      String method, String path, HttpResponse<?> response, byte[] body) {
    List<String> problems =
        ApiDescription.shared()
            .problems(
                method,
                path,
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                body);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the answer to "
              + method
              + " "
              + path
              + " is not as openapi.json describes it:\n"
              + String.join("\n", problems));
    }
  }

  /** POSTs a Job to the demo project and asserts it was created. */
  void createJob(String document) {
    Response created = post("/api/v1/projects/demo/jobs", document);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  String trigger(String jobId) {
    Response response = post("/api/v1/projects/demo/jobs/" + jobId + "/trigger", null);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("jobRunId").asText();
  }

  JsonNode jobRun(String jobRunId) {
    Response response = get("/api/v1/projects/demo/job-runs/" + jobRunId);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  JsonNode run(String runId) {
    Response response = get("/api/v1/projects/demo/runs/" + runId);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** Waits until the JobRun's view meets the condition, looking again on each engine change. */
  JsonNode awaitJobRun(String jobRunId, Predicate<JsonNode> condition) {
    return changes.await(() -> jobRun(jobRunId), condition, "JobRun " + jobRunId, WAIT);
  }

  /** Waits until the probe meets the condition, looking again on each engine change. */
  <T> T awaitChange(Supplier<T> probe, Predicate<T> condition, String what) {
    return changes.await(probe, condition, what, WAIT);
  }

  JsonNode awaitEnded(String jobRunId) {
    return awaitJobRun(jobRunId, jr -> !jr.get("status").asText().equals("RUNNING"));
  }

  JsonNode awaitRun(String runId, Predicate<JsonNode> condition) {
    return changes.await(() -> run(runId), condition, "run " + runId, WAIT);
  }

  /**
   * Polls until the condition holds; fails with the last value seen after a generous limit. Only
   * for what the engine does not report (another process, the operating system's processes).
   */
  static <T> T await(Supplier<T> probe, Predicate<T> condition, String what) {
    return await(probe, condition, what, WAIT);
  }

  static <T> T await(Supplier<T> probe, Predicate<T> condition, String what, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    T value = probe.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting on " + what + "; last seen: " + value);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      value = probe.get();
    }
    return value;
  }

  JsonNode awaitEnded(String jobRunId, Duration limit) {
    return changes.await(
        () -> jobRun(jobRunId),
        jr -> !jr.get("status").asText().equals("RUNNING"),
        "JobRun " + jobRunId,
        limit);
  }

  /** Every Run of a JobRun, following the cursor; {@code query} filters, e.g. "apiName=details". */
  java.util.List<JsonNode> runs(String jobRunId, String query) {
    java.util.List<JsonNode> runs = new java.util.ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/api/v1/projects/demo/job-runs/"
              + jobRunId
              + "/runs?limit=1000&"
              + query
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = get(path).json();
      page.get("items").forEach(runs::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return runs;
  }

  record Download(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Any request with the admin key, answered as bytes; not checked against openapi.json. */
  Download request(String method, String path, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (adminKey != null) {
      builder.header("Authorization", "Bearer " + adminKey);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  Download download(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
    if (adminKey != null) {
      builder.header("Authorization", "Bearer " + adminKey);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      describedAsAnswered("GET", path, response, response.body());
      return new Download(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
