package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad Job documents through the REST API: every one gets a 4xx naming the exact field, never a 5xx,
 * and nothing is saved. The cases are the parser's own table (drover-core test resources).
 */
class InvalidJobsTest {
  private static final Path CASES =
      Path.of("../drover-core/src/test/resources/io/drover/core/job/invalid-jobs.jsonl");
  private static final String JOBS = "/api/v1/projects/demo/jobs";

  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(dataDir, ServerSettings.defaults().withMaxRequestBytes(64 * 1024));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<JsonNode> cases() throws IOException {
    List<String> lines = Files.readAllLines(CASES);
    return lines.stream()
        .filter(l -> !l.isBlank())
        .map(
            l -> {
              try {
                return TestServer.JSON.readTree(l);
              } catch (IOException e) {
                throw new AssertionError("bad case line: " + l, e);
              }
            });
  }

  @Test
  void thereAreAtLeastFortyCases() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anInvalidDocumentIsRejectedWithItsPathAndNothingIsSaved(JsonNode testCase) {
    String document = testCase.get("document").asText();
    String path = testCase.get("path").asText();
    for (String method : List.of("dryRun", "POST")) {
      TestServer.Response response =
          method.equals("dryRun")
              ? server.post(JOBS + "?dryRun=true", document)
              : server.post(JOBS, document);
      assertThat(response.status())
          .as(testCase.get("name").asText() + ": " + response.body())
          .isEqualTo(400);
      JsonNode error = response.json().get("error");
      assertThat(error.get("code").asText()).isEqualTo("invalid_document");
      assertThat(error.get("path").asText()).isEqualTo(path);
      assertThat(error.get("message").asText()).contains(path);
    }
    assertThat(server.get(JOBS).json().get("items")).isEmpty();
  }

  @Test
  void anOversizedBodyIsRejectedWith413AndNothingIsSaved() {
    TestServer.Response response = server.post(JOBS, oversizedJob());
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("error").get("message").asText()).contains("65536 bytes");
    assertThat(server.get(JOBS + "/huge").status()).isEqualTo(404);
  }

  @Test
  void aClientStillSendingAnOversizedBodyGetsThe413NotAResetConnection() {
    // Answered before its body is read, a request whose unread bytes are left behind gets its
    // connection reset, and the response is lost under the client still sending (7% of 300 tries
    // before the server read such bodies away).
    String body = oversizedJob();
    for (int i = 0; i < 100; i++) {
      assertThat(server.post(JOBS, body).status()).as("try %d", i + 1).isEqualTo(413);
    }
  }

  /** A Job document of about 250 KB, past the test server's 64 KB. */
  private static String oversizedJob() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"apiName\":\"echo\",\"parameters\":{\"i\":")
          .append(i)
          .append("}}");
    }
    return "{\"id\":\"huge\",\"payload\":[" + items + "]}";
  }

  @Test
  void unknownProjectsJobsAndRunsAre404WithAMessage() {
    assertThat(server.post("/api/v1/projects/nope/jobs", "{}").status()).isEqualTo(404);
    TestServer.Response job = server.get(JOBS + "/missing");
    assertThat(job.status()).isEqualTo(404);
    assertThat(job.json().get("error").get("message").asText()).contains("missing");
    assertThat(server.get("/api/v1/projects/demo/runs/nothing").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/projects/demo/job-runs/nothing").status()).isEqualTo(404);
  }

  @Test
  void badQueryParametersAndStandaloneRunsAreRejectedWithTheField() {
    TestServer.Response limit = server.get(JOBS + "?limit=5000");
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.json().get("error").get("path").asText()).isEqualTo("limit");
    TestServer.Response run = server.post("/api/v1/projects/demo/runs", "{\"apiName\":\"nope\"}");
    assertThat(run.status()).isEqualTo(400);
    assertThat(run.json().get("error").get("path").asText()).isEqualTo("$.apiName");
    TestServer.Response malformed = server.post("/api/v1/projects/demo/runs", "{\"apiName\":");
    assertThat(malformed.status()).isEqualTo(400);
  }
}
