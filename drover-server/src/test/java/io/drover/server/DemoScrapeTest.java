package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.examples.shop.Catalogue;
import io.drover.examples.shop.Product;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo Job, exactly as users post it, scrapes the demo shop in real Chromium. */
@Tag("slow")
class DemoScrapeTest {
  private static final String P = "/api/v1/projects/demo";

  @TempDir Path dataDir;

  @Test
  void theDemoScrapesEveryProductOnceWithLogsTracesVideosAndDeliversEachResult() throws Exception {
    ServerSettings settings =
        ServerSettings.defaults().withEngine(ServerSettings.defaults().engine().withSlots(4));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (TestServer server = new TestServer(dataDir, settings);
        DemoReceiver receiver = DemoReceiver.start()) {
      // what ./drover demo does: the Job with the demo receiver as its sink, triggered, followed
      Demo.Shown shown =
          new Demo(
                  server.server.baseUrl(),
                  server.adminKey,
                  receiver,
                  new PrintStream(printed, true, StandardCharsets.UTF_8))
              .show();
      String jobRunId = shown.jobRunId();
      JsonNode jobRun = server.awaitEnded(jobRunId, Duration.ofMinutes(15));

      assertThat(jobRun.get("status").asText()).isEqualTo("COMPLETED");
      assertThat(jobRun.get("counts").get("failed").asInt()).isZero();
      int runs = jobRun.get("counts").get("total").asInt();
      assertThat(shown.deliveries().get("delivered").asInt())
          .as("every Run delivered before the demo ends")
          .isEqualTo(runs);
      assertThat(receiver.received()).as("verified at the receiver").isEqualTo(runs);
      assertThat(receiver.refused()).isZero();
      String output = printed.toString(StandardCharsets.UTF_8);
      assertThat(output)
          .contains("the receiver verified " + runs + " results")
          .contains("Scraped " + Catalogue.get().products().size() + " of the shop's")
          .doesNotContain(receiver.secret());
      Catalogue catalogue = Catalogue.get();
      List<JsonNode> details = server.runs(jobRunId, "apiName=details&status=COMPLETED");
      Map<String, Long> timesScraped =
          details.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.get("result").get("sku").asText(), Collectors.counting()));
      assertThat(timesScraped.keySet())
          .containsExactlyInAnyOrderElementsOf(
              catalogue.products().stream().map(Product::sku).toList());
      assertThat(timesScraped.values()).containsOnly(1L);
      for (JsonNode run : details) {
        assertScrapedAsInTheCatalogue(catalogue, run);
      }
      int pages = catalogue.categories().stream().mapToInt(catalogue::pages).sum();
      assertThat(server.runs(jobRunId, "apiName=list&status=COMPLETED")).hasSize(pages);

      String attempt = P + "/runs/" + details.get(0).get("id").asText() + "/attempts/1";
      assertThat(server.get(attempt + "/logs").body())
          .contains("\"source\":\"drover\"")
          .contains(
              "\"source\":\"console\",\"message\":\"viewed product "
                  + details.get(0).get("result").get("sku").asText());
      TestServer.Download trace = server.download(attempt + "/trace");
      assertThat(trace.status()).isEqualTo(200);
      assertThat(trace.contentType()).isEqualTo("application/zip");
      assertThat(traceEvents(trace.body()))
          .contains("\"type\":\"context-options\"")
          .contains("\"type\":\"before\"");
      TestServer.Download video = server.download(attempt + "/video");
      assertThat(video.status()).isEqualTo(200);
      assertThat(video.contentType()).isEqualTo("video/webm");
      assertThat(isWebm(video.body())).as("a WebM file").isTrue();
    }
    assertThat(BrowserProcessesSeen.all()).as("processes left after the server stopped").isEmpty();
  }

  private static void assertScrapedAsInTheCatalogue(Catalogue catalogue, JsonNode run) {
    JsonNode result = run.get("result");
    Product product = catalogue.bySku(result.get("sku").asText()).orElseThrow();
    assertThat(run.get("parameters").get("path").asText()).isEqualTo(product.path());
    assertThat(result.get("name").asText()).isEqualTo(product.name());
    assertThat(result.get("price").decimalValue())
        .isEqualByComparingTo(BigDecimal.valueOf(product.priceCents(), 2));
    assertThat(result.get("stock").asInt()).isEqualTo(product.stock());
    assertThat(result.get("description").asText()).isEqualTo(product.description());
  }

  /** The trace.trace entry: one JSON event per line. */
  private static String traceEvents(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals("trace.trace")) {
          String events = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertThat(events.lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
          return events;
        }
      }
    }
    throw new AssertionError("the trace zip has no trace.trace");
  }

  /** EBML magic number, then the DocType "webm" in the header. */
  static boolean isWebm(byte[] file) {
    if (file.length < 64
        || (file[0] & 0xFF) != 0x1A
        || (file[1] & 0xFF) != 0x45
        || (file[2] & 0xFF) != 0xDF
        || (file[3] & 0xFF) != 0xA3) {
      return false;
    }
    return new String(file, 0, 64, StandardCharsets.ISO_8859_1).contains("webm");
  }
}
