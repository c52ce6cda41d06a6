package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.examples.shop.DemoShop;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code drover demo}: starts a server, saves the demo scrape Job through the REST API, triggers
 * it, prints its progress until the JobRun ends, then leaves the server running.
 */
final class Demo {
  private static final String JOB_FILE = "/io/drover/examples/jobs/demo-shop.json";
  private static final String JOB_ID = "demo-shop";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String api;
  private final String key;

  private Demo(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.api = baseUrl + "/api/v1/projects/demo";
    this.key = key;
  }

  static void run(ServerSettings settings) throws Exception {
    DroverServer server = DroverServer.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "drover-shutdown"));
    System.out.println("Drover is running at " + server.baseUrl());
    // the admin key the server's first start wrote (none with auth = none)
    String key = ApiKeys.readAdminKey(settings.dataDir()).orElse(null);
    String jobRunId = new Demo(server.baseUrl(), key).show();
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

  private String show() throws IOException, InterruptedException {
    byte[] document;
    try (InputStream in = Demo.class.getResourceAsStream(JOB_FILE)) {
      document = in.readAllBytes();
    }
    HttpResponse<String> saved = send("POST", "/jobs", document);
    if (saved.statusCode() == 409) {
      saved = send("PUT", "/jobs/" + JOB_ID, document);
    }
    expect(saved, 200, 201);
    System.out.println(
        "Saved Job '"
            + JOB_ID
            + "' (examples/jobs/demo-shop.json): scrapes the demo shop at "
            + DemoShop.shared().baseUrl()
            + " in Chromium, concurrency 4: 'list' reads each category page and adds"
            + " a 'details' item per product (and a 'list' item for the next page) with extendPayload");
    HttpResponse<String> triggered = send("POST", "/jobs/" + JOB_ID + "/trigger", null);
    expect(triggered, 201);
    String jobRunId = Views.JSON.readTree(triggered.body()).get("jobRunId").asText();
    System.out.println("Triggered JobRun " + jobRunId);
    System.out.println("Watch it in the dashboard: " + dashboardUrl(baseUrl, jobRunId));
    JsonNode jobRun;
    do {
      Thread.sleep(300);
      jobRun = Views.JSON.readTree(send("GET", "/job-runs/" + jobRunId, null).body());
      printProgress(jobRun);
    } while (jobRun.get("status").asText().equals("RUNNING"));
    System.out.println();
    System.out.println(
        "JobRun " + jobRunId + " " + jobRun.get("status").asText() + ": " + jobRun.get("counts"));
    JsonNode details =
        Views.JSON.readTree(
            send(
                    "GET",
                    "/job-runs/" + jobRunId + "/runs?apiName=details&status=COMPLETED&limit=1000",
                    null)
                .body());
    int scraped = details.get("items").size();
    System.out.println(
        "Scraped "
            + scraped
            + " of the shop's "
            + DemoShop.shared().catalogue().products().size()
            + " products.");
    if (scraped > 0) {
      JsonNode run = details.get("items").get(0);
      String runPath = api + "/runs/" + run.get("id").asText();
      System.out.println("For example run " + run.get("id").asText() + ": " + run.get("result"));
      System.out.println(
          "Its attempt, as logs, a Playwright trace (npx playwright show-trace FILE) and a video:");
      String id = run.get("id").asText();
      System.out.println("  ./drover runs logs " + id + " --attempt 1");
      System.out.println("  ./drover runs trace " + id + " --attempt 1 -o trace.zip");
      System.out.println("  curl -o video.webm " + runPath + "/attempts/1/video (with the key)");
    }
    return jobRunId;
  }

  private static void printProgress(JsonNode jobRun) {
    JsonNode c = jobRun.get("counts");
    long total = c.get("total").asLong();
    long done = c.get("completed").asLong() + c.get("failed").asLong() + c.get("canceled").asLong();
    int width = 40;
    int filled = total == 0 ? width : (int) (width * done / total);
    System.out.print(
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
            + "   ");
    System.out.flush();
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
