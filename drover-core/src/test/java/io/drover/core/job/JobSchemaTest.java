package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.drover.core.job.JobDocuments.Secrets;
import io.drover.core.job.TestDocuments.InvalidCase;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** job.schema.json agrees with the parser on the documents the tests use. */
class JobSchemaTest {
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JobSchema.text());

  /** Invalid cases whose mistake a schema can express (not API names, zones or 3.0). */
  private static final List<String> SCHEMA_DETECTABLE =
      List.of(
          "id missing",
          "id too long",
          "id with a slash",
          "payload missing",
          "payload an object",
          "payload item without apiName",
          "apiName and api together",
          "item unknown field",
          "unknown top-level field",
          "maximumAttempts above 100",
          "maximumAttempts a string",
          "maximumAttempts and retry together",
          "both concurrency spellings",
          "trace a boolean",
          "trace in capitals",
          "trace retain-on-failure",
          "schedule empty",
          "every in words",
          "every zero",
          "hour 24",
          "month name in French",
          "misspelt day name in an array",
          "empty array of hours",
          "range unknown field",
          "calendar unknown field",
          "sink type unknown",
          "webhook url relative",
          "webhook url not a URL",
          "webhook header name with a space",
          "webhook header the client sets",
          "webhook header value on two lines",
          "webhook secret too short",
          "webhook with an s3 field",
          "s3 bucket with capitals",
          "s3 without region",
          "s3 region blank",
          "s3 bucket like an IP address",
          "authSession and auth_session together",
          "auth_session createAttempts zero");

  static List<String> validDocuments() {
    return TestDocuments.validNames();
  }

  static List<InvalidCase> schemaDetectableCases() {
    return TestDocuments.invalidCases().stream()
        .filter(c -> SCHEMA_DETECTABLE.contains(c.name()))
        .toList();
  }

  private static Set<ValidationMessage> validate(String json) throws IOException {
    return SCHEMA.validate(JobConfigParser.MAPPER.readTree(json));
  }

  @Test
  void isADraft202012Schema() throws IOException {
    JsonNode schema = JobConfigParser.MAPPER.readTree(JobSchema.text());

    assertThat(schema.get("$schema").textValue())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @ParameterizedTest
  @MethodSource("validDocuments")
  void acceptsEveryValidExample(String name) throws IOException {
    assertThat(validate(TestDocuments.valid(name))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validDocuments")
  void acceptsTheCanonicalFormOfEveryExample(String name) throws IOException {
    JobConfig config = TestDocuments.parser().parse(TestDocuments.valid(name), (i, item) -> {});
    ObjectNode canonical = JobDocuments.toTree(config, Secrets.INCLUDED);
    canonical.putArray("payload");

    assertThat(SCHEMA.validate(canonical)).isEmpty();
  }

  @Test
  void coversTheCasesItIsMeantTo() {
    assertThat(schemaDetectableCases()).hasSize(SCHEMA_DETECTABLE.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaDetectableCases")
  void rejectsInvalidDocuments(InvalidCase invalid) throws IOException {
    assertThat(validate(invalid.document())).isNotEmpty();
  }
}
