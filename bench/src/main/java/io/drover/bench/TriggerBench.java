package io.drover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.server.DroverServer;
import io.drover.server.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Trigger to running through the REST API of an idle server: N Jobs of one {@code echo} item each
 * are triggered one after another (each once the previous one's JobRun has ended); for each, the
 * time from the trigger's response arriving at the client to its Run's first attempt starting
 * ({@code startedAt} of attempt 1, read back afterwards). Both clocks are this machine's, in
 * milliseconds; a negative value is an attempt that started before the response arrived. The server
 * runs in this JVM on 127.0.0.1 with the embedded store, without a browser (echo needs none).
 * Usage: {@code TriggerBench [jobs]}.
 */
public final class TriggerBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The admin key the server writes at its first start (every endpoint needs a key). */
  private static String key;

  private TriggerBench() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dataDir = Files.createTempDirectory("drover-trigger-bench");
    ServerSettings settings = ServerSettings.defaults().withPort(0).withDataDir(dataDir);
    settings = settings.withBrowser(settings.browser().withEnabled(false));
    System.out.printf("machine               %s%n", Machine.describe());
    try (DroverServer server = DroverServer.start(settings)) {
      key = Files.readString(dataDir.resolve("admin.key")).trim();
      String base = server.baseUrl() + "/api/v1/projects/demo";
      for (int i = 0; i < jobs; i++) {
        send("POST", base + "/jobs", document(i), 201);
      }
      List<String> jobRuns = new ArrayList<>();
      List<Instant> responded = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        JsonNode created = send("POST", base + "/jobs/" + id(i) + "/trigger", null, 201);
        responded.add(Instant.now());
        String jobRunId = created.get("jobRunId").asText();
        jobRuns.add(jobRunId);
        while (send("GET", base + "/job-runs/" + jobRunId, null, 200)
            .get("status")
            .asText()
            .equals("RUNNING")) {
          Thread.sleep(2);
        }
      }
      List<Long> late = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        JsonNode runs = send("GET", base + "/job-runs/" + jobRuns.get(i) + "/runs", null, 200);
        String runId = runs.get("items").get(0).get("id").asText();
        JsonNode run = send("GET", base + "/runs/" + runId, null, 200);
        Instant started = Instant.parse(run.get("attempts").get(0).get("startedAt").asText());
        late.add(started.toEpochMilli() - responded.get(i).toEpochMilli());
      }
      Collections.sort(late);
      System.out.printf(
          "trigger response to first attempt started, %,d triggers: p50 %d ms, p95 %d ms,"
              + " p99 %d ms, max %d ms (min %d ms)%n",
          jobs,
          percentile(late, 50),
          percentile(late, 95),
          percentile(late, 99),
          late.get(late.size() - 1),
          late.get(0));
    } finally {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String id(int i) {
    return String.format("trigger-%04d", i);
  }

  private static String document(int i) {
    return "{\"id\":\""
        + id(i)
        + "\",\"payload\":[{\"apiName\":\"echo\",\"parameters\":{\"job\":"
        + i
        + "}}],\"configuration\":{\"trace\":\"off\"}}";
  }

  private static JsonNode send(String method, String url, String body, int expected)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method
              + " "
              + url
              + ": expected "
              + expected
              + ", got "
              + response.statusCode()
              + " "
              + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
