package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JobRun exported as JSON Lines, and a Run's view showing the delivery of its outcome. */
class JobRunExportTest {
  static final int ITEMS = 2_500;
  @TempDir Path dataDir;
  TestServer server;
  HttpServer receiver;
  final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          received.incrementAndGet();
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
  void everyRunIsOneLineInPayloadOrderAcrossStorePages() throws Exception {
    // more Runs than one store page of the export, so the stream must follow the pages
    assertThat(ITEMS).isGreaterThan(2 * JobRunHandlers.EXPORT_PAGE);
    List<String> items = new ArrayList<>(Docs.echoes(ITEMS - 1, ""));
    items.add("{\"apiName\":\"echo\",\"parameters\":{\"item\":" + ITEMS + ",\"failTimes\":9}}");
    server.createJob(Docs.job("exported", Docs.config(1, 8, 30), items));
    String jobRunId = server.trigger("exported");
    server.awaitEnded(jobRunId);

    TestServer.Download export =
        server.download("/api/v1/projects/demo/job-runs/" + jobRunId + "/export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("application/x-ndjson");
    String text = export.text();
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(ITEMS);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < lines.length; i++) {
      JsonNode run = Views.JSON.readTree(lines[i]);
      assertThat(run.get("jobRunId").asText()).isEqualTo(jobRunId);
      assertThat(run.get("parameters").get("item").asInt()).as("line " + i).isEqualTo(i + 1);
      ids.add(run.get("id").asText());
    }
    assertThat(ids).hasSize(ITEMS);
    JsonNode last = Views.JSON.readTree(lines[ITEMS - 1]);
    assertThat(last.get("status").asText()).isEqualTo("FAILED");
    assertThat(last.get("error").asText()).isNotEmpty();
    assertThat(Views.JSON.readTree(lines[0]).get("status").asText()).isEqualTo("COMPLETED");

    String failed =
        server
            .download("/api/v1/projects/demo/job-runs/" + jobRunId + "/export?status=FAILED")
            .text();
    assertThat(failed.split("\n")).hasSize(1);
    assertThat(Views.JSON.readTree(failed).get("id").asText()).isEqualTo(last.get("id").asText());
    assertThat(
            server
                .download("/api/v1/projects/demo/job-runs/" + jobRunId + "/export?apiName=visit")
                .text())
        .as("no Run of that API")
        .isEmpty();
  }

  @Test
  void badFiltersAndUnknownJobRunsAreJsonErrors() {
    server.createJob(Docs.job("small", Docs.config(1, 2, 30), Docs.echoes(2, "")));
    String jobRunId = server.trigger("small");
    String export = "/api/v1/projects/demo/job-runs/" + jobRunId + "/export";
    TestServer.Response status = server.get(export + "?status=DONE");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.json().get("error").get("path").asText()).isEqualTo("status");
    TestServer.Response api = server.get(export + "?apiName=nope");
    assertThat(api.status()).isEqualTo(400);
    assertThat(api.json().get("error").get("path").asText()).isEqualTo("apiName");
    TestServer.Response limit = server.get(export + "?limit=5");
    assertThat(limit.status()).as("an export is never paged").isEqualTo(400);
    assertThat(limit.json().get("error").get("path").asText()).isEqualTo("limit");
    TestServer.Response missing = server.get("/api/v1/projects/demo/job-runs/jr-nope/export");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error").get("code").asText()).isNotEmpty();
  }

  @Test
  void aRunsViewShowsTheDeliveryOfItsOutcomeWithItsTries() {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    server.createJob(
        "{\"id\":\"hooked\",\"configuration\":{\"maximumAttempts\":1},\"payload\":["
            + Docs.echo("{\"n\":1}")
            + ","
            + Docs.echo("{\"n\":2,\"failTimes\":1}")
            + "],\"sink\":{\"type\":\"webhook\",\"url\":\""
            + url
            + "\",\"skipOnFail\":true}}");
    String jobRunId = server.trigger("hooked");
    server.awaitJobRun(
        jobRunId,
        jr ->
            !jr.get("status").asText().equals("RUNNING")
                && jr.get("deliveries").get("delivered").asInt() == 1);
    JsonNode completed =
        server.run(server.runs(jobRunId, "status=COMPLETED").get(0).get("id").asText());
    JsonNode delivery = completed.get("delivery");
    assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(delivery.get("id").asText()).isEqualTo("dlv-" + completed.get("id").asText());
    assertThat(delivery.get("history")).hasSize(1);
    assertThat(delivery.get("history").get(0).get("statusCode").asInt()).isEqualTo(204);
    assertThat(received.get()).isEqualTo(1);
    JsonNode failed = server.run(server.runs(jobRunId, "status=FAILED").get(0).get("id").asText());
    assertThat(failed.get("delivery").isNull()).as("skipOnFail: not delivered").isTrue();

    server.createJob(Docs.job("unhooked", Docs.config(1, 1, 30), Docs.echoes(1, "")));
    String plain = server.trigger("unhooked");
    server.awaitEnded(plain);
    JsonNode run = server.run(server.runs(plain, "").get(0).get("id").asText());
    assertThat(run.has("delivery")).isTrue();
    assertThat(run.get("delivery").isNull()).as("a Job without a sink").isTrue();
  }
}
