package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.drover.core.job.JobDocuments.Secrets;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JobDocumentsTest {
  private final JobConfigParser parser = TestDocuments.parser();

  static List<String> parsableValidDocuments() {
    return TestDocuments.validNames();
  }

  private JobConfig parse(String json) {
    return parser.parse(json, (i, item) -> {});
  }

  @ParameterizedTest
  @MethodSource("parsableValidDocuments")
  void storedJsonReadsBackAsTheSameConfiguration(String name) {
    JobConfig config = parse(TestDocuments.valid(name));

    String stored = JobDocuments.toJson(config, Secrets.INCLUDED);

    assertThat(JobDocuments.fromStoredJson(stored)).isEqualTo(config);
  }

  @Test
  void canonicalFormSpellsEverythingOut() {
    JobConfig config = parse(TestDocuments.valid("spec-example-hosted-spellings.json"));

    assertThat(JobDocuments.toJson(config, Secrets.INCLUDED))
        .isEqualTo(
            "{\"id\":\"shop-catalog\","
                + "\"configuration\":{\"maximumAttempts\":3,\"maximumConcurrentRequests\":4,\"requestTimeout\":600,\"trace\":\"on\"},"
                + "\"schedule\":{\"intervals\":[{\"every\":\"1h\",\"offset\":\"0s\"}],"
                + "\"calendars\":["
                + "{\"second\":0,\"minute\":30,\"hour\":9,\"dayOfMonth\":1,\"month\":\"*\",\"year\":\"*\",\"dayOfWeek\":\"*\"},"
                + "{\"second\":0,\"minute\":0,\"hour\":{\"start\":9,\"end\":17},\"dayOfMonth\":\"*\",\"month\":\"*\",\"year\":\"*\",\"dayOfWeek\":[1,5]}],"
                + "\"jitter\":\"2m\",\"timezone\":\"Europe/Paris\",\"catchupWindow\":\"1m\"},"
                + "\"sink\":{\"type\":\"webhook\",\"url\":\"https://example.test/hook\",\"headers\":{\"Authorization\":\"Bearer"
                + " ...\"},\"skipOnFail\":false},"
                + "\"authSession\":{\"id\":\"shop-account\",\"checkAttempts\":3,\"createAttempts\":3}}");
  }

  @Test
  void redactedFormHidesWebhookSecretAndHeaderValues() {
    JobConfig config = parse(TestDocuments.valid("webhook-sink.json"));

    String redacted = JobDocuments.toJson(config, Secrets.REDACTED);

    assertThat(redacted)
        .doesNotContain("S3CR3T")
        .contains("\"headers\":{\"Authorization\":\"********\",\"X-Team\":\"********\"}")
        .contains("\"secret\":\"********\"")
        .contains("\"url\":\"http://127.0.0.1:8080/results?********\"")
        .doesNotContain("source=drover");
    assertThat(JobDocuments.toJson(config, Secrets.INCLUDED))
        .contains("\"secret\":\"whsec_S3CR3T-signing-key\"");
  }

  @Test
  void redactedFormHidesS3Keys() {
    JobConfig config = parse(TestDocuments.valid("s3-sink.json"));

    String redacted = JobDocuments.toJson(config, Secrets.REDACTED);

    assertThat(redacted)
        .doesNotContain("S3CR3T")
        .contains("\"accessKeyId\":\"********\",\"secretAccessKey\":\"********\"")
        .contains("\"bucket\":\"drover-results.test\"");
  }

  @Test
  void storedJsonIsNotCheckedAgainstTheProjectsApis() {
    String stored =
        "{\"id\":\"j\",\"sink\":{\"type\":\"webhook\",\"url\":\"https://example.test\","
            + "\"apisToSend\":[\"removed-since\"]}}";

    assertThat(JobDocuments.fromStoredJson(stored).sink().apisToSend())
        .containsExactly("removed-since");
  }

  @Test
  void storedJsonThatIsNotAJobIsRejected() {
    assertThatThrownBy(() -> JobDocuments.fromStoredJson("{\"configuration\": 1}"))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("$.id")
        .hasMessageContaining("$.configuration");
  }

  @Test
  void payloadItemsAreWrittenInCanonicalFormAndReadBack() throws IOException {
    String document =
        "{\"id\": \"j\", \"payload\": [{\"api\": \"echo\"}, {\"apiName\": \"list\", \"parameters\":"
            + " {\"page\": 2}, \"retry\": {\"maximumAttempts\": 4}, \"requestTimeout\": 30}]}";
    List<PayloadItemConfig> items = new ArrayList<>();
    parser.parse(document, (i, item) -> items.add(item));
    StringWriter out = new StringWriter();

    try (JsonGenerator generator = JobConfigParser.MAPPER.createGenerator(out)) {
      generator.writeStartArray();
      for (PayloadItemConfig item : items) {
        JobDocuments.write(generator, item);
      }
      generator.writeEndArray();
    }

    assertThat(out.toString())
        .isEqualTo(
            "[{\"apiName\":\"echo\",\"parameters\":{}},"
                + "{\"apiName\":\"list\",\"parameters\":{\"page\":2},\"retry\":{\"maximumAttempts\":4},\"requestTimeout\":30}]");
    List<PayloadItemConfig> reread = new ArrayList<>();
    parser.parse("{\"id\": \"j\", \"payload\": " + out + "}", (i, item) -> reread.add(item));
    assertThat(reread).isEqualTo(items);
  }
}
