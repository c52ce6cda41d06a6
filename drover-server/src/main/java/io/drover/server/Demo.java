package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.examples.shop.DemoShop;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code drover demo}: starts a server and a webhook receiver ({@link DemoReceiver}), saves the
 * demo scrape Job through the REST API with a sink pointing at the receiver, triggers it, prints
 * its progress and the results the receiver has verified until the JobRun ends and every result
 * arrived, then leaves the server running.
 */
final class Demo {
  private static final String JOB_FILE = "/io/drover/examples/jobs/demo-shop.json";
  private static final String JOB_ID = "demo-shop";

  /** How long the demo waits, after the JobRun ended, for its last deliveries. */
  private static final long DELIVERY_WAIT_MILLIS = 60_000;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String api;
  private final String key;
  private final DemoReceiver receiver;
  private final PrintStream out;

  Demo(String baseUrl, String key, DemoReceiver receiver, PrintStream out) {
    this.baseUrl = baseUrl;
    this.api = baseUrl + "/api/v1/projects/demo";
    this.key = key;
    this.receiver = receiver;
    this.out = out;
  }

  /** What the demo showed: its JobRun as it ended, and what reached the receiver. */
  record Shown(String jobRunId, JsonNode jobRun, int scraped, JsonNode deliveries) {}

  static void run(ServerSettings settings) throws Exception {
    DroverServer server = DroverServer.start(settings);
    DemoReceiver receiver = DemoReceiver.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  receiver.close();
                },
                "drover-shutdown"));
    System.out.println("Drover is running at " + server.baseUrl());
    // the admin key the server's first start wrote (none with auth = none)
    String key = ApiKeys.readAdminKey(settings.dataDir()).orElse(null);
    String jobRunId = new Demo(server.baseUrl(), key, receiver, System.out).show().jobRunId();
    System.out.println();
    System.out.println("Its dashboard page: " + dashboardUrl(server.baseUrl(), jobRunId));
    System.out.println("The server keeps running (Ctrl-C stops it). Try:");
    System.out.println("  ./drover jobs list");
    System.out.println("  ./drover jobs trigger " + JOB_ID + " --follow");
    String auth =
        key == null
            ? ""
            : "-H \"Authorization: Bearer $(cat "
                + settings.dataDir().resolve(ApiKeys.ADMIN_KEY_FILE)
                + ")\" ";
    System.out.println(
        "  curl " + auth + server.baseUrl() + "/api/v1/projects/demo/jobs/" + JOB_ID + "/job-runs");
    Thread.currentThread().join();
  }

  /** The dashboard page of a JobRun of the demo Project. */
  static String dashboardUrl(String baseUrl, String jobRunId) {
    return baseUrl + "/#/projects/demo/job-runs/" + jobRunId;
  }

  /** Saves the demo Job with the receiver as its sink, triggers it and follows it to the end. */
  Shown show() throws IOException, InterruptedException {
    ObjectNode job;
    try (InputStream in = Demo.class.getResourceAsStream(JOB_FILE)) {
      job = (ObjectNode) Views.JSON.readTree(in);
    }
    job.set("sink", Views.JSON.readTree(receiver.sinkJson()));
    byte[] document = job.toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> saved = send("POST", "/jobs", document);
    if (saved.statusCode() == 409) {
      saved = send("PUT", "/jobs/" + JOB_ID, document);
    }
    expect(saved, 200, 201);
    out.println(
        "Saved Job '"
            + JOB_ID
            + "' (examples/jobs/demo-shop.json): scrapes the demo shop at "
            + DemoShop.shared().baseUrl()
            + " in Chromium, concurrency 4: 'list' reads each category page and adds"
            + " a 'details' item per product (and a 'list' item for the next page) with extendPayload");
    out.println(
        "Its sink: a webhook to the demo's own receiver at "
            + receiver.url()
            + ", every result signed (Standard Webhooks) and verified there");
    HttpResponse<String> triggered = send("POST", "/jobs/" + JOB_ID + "/trigger", null);
    expect(triggered, 201);
    String jobRunId = Views.JSON.readTree(triggered.body()).get("jobRunId").asText();
    out.println("Triggered JobRun " + jobRunId);
    out.println("Watch it in the dashboard: " + dashboardUrl(baseUrl, jobRunId));
    JsonNode jobRun;
    do {
      Thread.sleep(300);
      jobRun = Views.JSON.readTree(send("GET", "/job-runs/" + jobRunId, null).body());
      printProgress(jobRun);
    } while (jobRun.get("status").asText().equals("RUNNING"));
    long waitUntil = System.currentTimeMillis() + DELIVERY_WAIT_MILLIS;
    while (jobRun.get("deliveries").get("pending").asLong() > 0
        && System.currentTimeMillis() < waitUntil) {
      Thread.sleep(300);
      jobRun = Views.JSON.readTree(send("GET", "/job-runs/" + jobRunId, null).body());
      printProgress(jobRun);
    }
    out.println();
    out.println(
        "JobRun " + jobRunId + " " + jobRun.get("status").asText() + ": " + jobRun.get("counts"));
    out.println(
        "Deliveries "
            + jobRun.get("deliveries")
            + "; the receiver verified "
            + receiver.received()
            + " results ("
            + receiver.duplicates()
            + " duplicates dropped, "
            + receiver.refused()
            + " refused)");
    JsonNode details =
        Views.JSON.readTree(
            send(
                    "GET",
                    "/job-runs/" + jobRunId + "/runs?apiName=details&status=COMPLETED&limit=1000",
                    null)
                .body());
    int scraped = details.get("items").size();
    out.println(
        "Scraped "
            + scraped
            + " of the shop's "
            + DemoShop.shared().catalogue().products().size()
            + " products.");
    if (scraped > 0) {
      JsonNode run = details.get("items").get(0);
      String runPath = api + "/runs/" + run.get("id").asText();
      out.println("For example run " + run.get("id").asText() + ": " + run.get("result"));
      out.println(
          "Its attempt, as logs, a Playwright trace (npx playwright show-trace FILE) and a video:");
      String id = run.get("id").asText();
      out.println("  ./drover runs logs " + id + " --attempt 1");
      out.println("  ./drover runs trace " + id + " --attempt 1 -o trace.zip");
      out.println("  curl -o video.webm " + runPath + "/attempts/1/video (with the key)");
    }
    return new Shown(jobRunId, jobRun, scraped, jobRun.get("deliveries"));
  }

  private void printProgress(JsonNode jobRun) {
    JsonNode c = jobRun.get("counts");
    long total = c.get("total").asLong();
    long done = c.get("completed").asLong() + c.get("failed").asLong() + c.get("canceled").asLong();
    int width = 40;
    int filled = total == 0 ? width : (int) (width * done / total);
    out.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(width - filled)
            + "] "
            + done
            + "/"
            + total
            + "  running "
            + c.get("running").asLong()
            + "  failed "
            + c.get("failed").asLong()
            + "  results received "
            + receiver.received()
            + "   ");
    out.flush();
  }

  private HttpResponse<String> send(String method, String path, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> response, int... statuses) {
    for (int status : statuses) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw new IllegalStateException(
        "demo: "
            + response.request().method()
            + " "
            + response.request().uri()
            + " answered "
            + response.statusCode()
            + ": "
            + response.body());
  }
}
