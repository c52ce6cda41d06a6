package io.drover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.server.DroverServer;
import io.drover.server.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The read endpoints of the REST API under load while a large JobRun executes (issue 13, goal 7): a
 * server in this JVM (embedded SQLite, no browser) with 88 one-item Jobs that each ran once and a
 * Job of N {@code echo} items. First the big Job runs alone a few times (its items/s without load);
 * then C client threads (a fixed pool, one java.net.http client) send requests back to back for S
 * seconds, each a read endpoint in turn (the Jobs list, a Job, its JobRuns, a JobRun, its Runs, a
 * Run, a Job's schedule, a schedule preview), while the big Job is triggered again each time its
 * JobRun ends. Prints p50/p99 per endpoint, the errors (any answer but 200, or no answer) and the
 * items/s of each JobRun under the load beside those without it. Usage: {@code ApiLoadBench [items]
 * [clients] [seconds]}.
 */
public final class ApiLoadBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String P = "/api/v1/projects/demo";
  private static final int SMALL_JOBS = 88;
  private static final int CONCURRENCY = 64;

  private ApiLoadBench() {}

  private record Endpoint(String name, String method, Supplier<String> path, String body) {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path dataDir = Files.createTempDirectory("drover-api-load-bench");
    ServerSettings settings = ServerSettings.defaults().withPort(0).withDataDir(dataDir);
    settings =
        settings
            .withBrowser(settings.browser().withEnabled(false))
            .withEngine(settings.engine().withSlots(CONCURRENCY));
    System.out.printf(
        "machine               %s; %,d echo items, %d clients, %d s, slots %d%n",
        Machine.describe(), items, clients, seconds, CONCURRENCY);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8))
            .build();
    try (DroverServer server = DroverServer.start(settings)) {
      Api api = new Api(http, server.baseUrl(), adminKey(dataDir));
      for (int i = 0; i < SMALL_JOBS; i++) {
        api.send("POST", P + "/jobs", small(i), 201);
      }
      for (int i = 0; i < SMALL_JOBS; i++) {
        api.awaitEnded(api.trigger(String.format("job-%02d", i)));
      }
      try (InputStream big = new GeneratedJob("big", items, CONCURRENCY)) {
        api.send("POST", P + "/jobs", new String(big.readAllBytes()), 201);
      }

      List<Double> alone = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        alone.add(api.rate(api.awaitEnded(api.trigger("big")), items));
      }
      System.out.printf("JobRun alone          %s items/s%n", rates(alone));

      AtomicReference<String> current = new AtomicReference<>(api.trigger("big"));
      String someRun = runOf(api, current.get());
      List<Endpoint> endpoints =
          List.of(
              new Endpoint("GET jobs?limit=100", "GET", () -> P + "/jobs?limit=100", null),
              new Endpoint("GET jobs/{id}", "GET", () -> P + "/jobs/job-07", null),
              new Endpoint(
                  "GET jobs/{id}/job-runs", "GET", () -> P + "/jobs/big/job-runs?limit=100", null),
              new Endpoint(
                  "GET job-runs/{id}", "GET", () -> P + "/job-runs/" + current.get(), null),
              new Endpoint(
                  "GET job-runs/{id}/runs?limit=100",
                  "GET",
                  () -> P + "/job-runs/" + current.get() + "/runs?limit=100",
                  null),
              new Endpoint("GET runs/{id}", "GET", () -> P + "/runs/" + someRun, null),
              new Endpoint(
                  "GET jobs/{id}/schedule", "GET", () -> P + "/jobs/job-07/schedule", null),
              new Endpoint(
                  "POST schedules/preview",
                  "POST",
                  () -> "/api/v1/schedules/preview",
                  "{\"schedule\":{\"cron\":\"*/15 * * * *\"},\"count\":10}"));

      Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
      endpoints.forEach(
          e -> latencies.put(e.name(), Collections.synchronizedList(new ArrayList<>())));
      AtomicLong errors = new AtomicLong();
      Map<String, String> firstErrors = new ConcurrentHashMap<>();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      for (int c = 0; c < clients; c++) {
        int first = c;
        pool.execute(
            () -> {
              for (int n = first; System.nanoTime() < end; n++) {
                Endpoint e = endpoints.get(n % endpoints.size());
                long start = System.nanoTime();
                String problem = api.tryRead(e.method(), e.path().get(), e.body());
                long micros = (System.nanoTime() - start) / 1_000;
                latencies.get(e.name()).add(micros);
                if (problem != null) {
                  errors.incrementAndGet();
                  firstErrors.putIfAbsent(e.name(), problem);
                }
              }
            });
      }
      List<Double> loaded = new ArrayList<>();
      int unfinished = 0;
      while (System.nanoTime() < end) {
        JsonNode jobRun = api.view(current.get());
        if (!jobRun.get("status").asText().equals("RUNNING")) {
          loaded.add(api.rate(jobRun, items));
          current.set(api.trigger("big"));
        }
        Thread.sleep(25);
      }
      pool.shutdown();
      pool.awaitTermination(2, TimeUnit.MINUTES);
      if (api.view(current.get()).get("status").asText().equals("RUNNING")) {
        unfinished = 1;
      }
      api.awaitEnded(current.get());

      System.out.printf(
          "%-34s %9s %8s %8s %8s%n", "endpoint", "requests", "p50 ms", "p99 ms", "max ms");
      long total = 0;
      for (Endpoint e : endpoints) {
        List<Long> sorted = new ArrayList<>(latencies.get(e.name()));
        Collections.sort(sorted);
        total += sorted.size();
        System.out.printf(
            "%-34s %,9d %8.1f %8.1f %8.1f%n",
            e.name(),
            sorted.size(),
            percentile(sorted, 50) / 1000.0,
            percentile(sorted, 99) / 1000.0,
            sorted.get(sorted.size() - 1) / 1000.0);
      }
      System.out.printf(
          "requests              %,d in %d s (%,.0f/s), errors %d%s%n",
          total,
          seconds,
          total / (double) seconds,
          errors.get(),
          firstErrors.isEmpty() ? "" : " " + firstErrors);
      System.out.printf(
          "JobRun under load     %s items/s (%d JobRuns ended in the window%s)%n",
          rates(loaded), loaded.size(), unfinished > 0 ? ", the last one cut off" : "");
      double aloneMean = alone.stream().mapToDouble(d -> d).average().orElse(0);
      double loadedMean = loaded.stream().mapToDouble(d -> d).average().orElse(0);
      System.out.printf(
          "JobRun rate           under load %.0f / alone %.0f = %.0f%%%n",
          loadedMean, aloneMean, 100 * loadedMean / aloneMean);
    } finally {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static String runOf(Api api, String jobRunId) throws Exception {
    return api.send("GET", P + "/job-runs/" + jobRunId + "/runs?limit=1", null, 200)
        .get("items")
        .get(0)
        .get("id")
        .asText();
  }

  private static String small(int i) {
    return "{\"id\":\""
        + String.format("job-%02d", i)
        + "\",\"payload\":[{\"apiName\":\"echo\",\"parameters\":{\"job\":"
        + i
        + "}}],\"configuration\":{\"trace\":\"off\"}}";
  }

  private static String adminKey(Path dataDir) throws IOException {
    Path file = dataDir.resolve("admin.key");
    return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
  }

  private static String rates(List<Double> rates) {
    List<String> shown = new ArrayList<>();
    rates.forEach(r -> shown.add(String.format("%,.0f", r)));
    return String.join(", ", shown);
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  /** The server's REST API, with its admin key. */
  private record Api(HttpClient http, String base, String key) {
    String trigger(String jobId) throws Exception {
      return send("POST", P + "/jobs/" + jobId + "/trigger", null, 201).get("jobRunId").asText();
    }

    JsonNode view(String jobRunId) throws Exception {
      return send("GET", P + "/job-runs/" + jobRunId, null, 200);
    }

    JsonNode awaitEnded(String jobRunId) throws Exception {
      while (true) {
        JsonNode jobRun = view(jobRunId);
        if (!jobRun.get("status").asText().equals("RUNNING")) {
          return jobRun;
        }
        Thread.sleep(25);
      }
    }

    /** Items per second between the JobRun's start and end, as the server recorded them. */
    double rate(JsonNode jobRun, int items) {
      if (!jobRun.get("status").asText().equals("COMPLETED")) {
        throw new IllegalStateException("the JobRun did not complete: " + jobRun);
      }
      long millis =
          Duration.between(
                  Instant.parse(jobRun.get("startedAt").asText()),
                  Instant.parse(jobRun.get("endedAt").asText()))
              .toMillis();
      return items * 1000.0 / Math.max(1, millis);
    }

    private HttpRequest request(String method, String path, String body) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .header("Content-Type", "application/json");
      if (key != null) {
        builder.header("Authorization", "Bearer " + key);
      }
      return builder.build();
    }

    JsonNode send(String method, String path, String body, int expected) throws Exception {
      HttpResponse<String> response =
          http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            method
                + " "
                + path
                + ": expected "
                + expected
                + ", got "
                + response.statusCode()
                + " "
                + response.body());
      }
      return JSON.readTree(response.body());
    }

    /** Null if the answer was a 200 with a body, else what went wrong. */
    String tryRead(String method, String path, String body) {
      try {
        HttpResponse<byte[]> response =
            http.send(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 && response.body().length > 0
            ? null
            : response.statusCode() + " " + new String(response.body());
      } catch (IOException e) {
        return e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e.toString();
      }
    }
  }
}
