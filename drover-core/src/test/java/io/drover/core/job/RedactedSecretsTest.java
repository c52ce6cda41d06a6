package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactedSecretsTest {
  private final JobConfigParser parser = new JobConfigParser(List.of("echo"));

  private JobConfig parse(String sink) {
    return parser.parse("{\"id\":\"j\",\"payload\":[],\"sink\":" + sink + "}", (i, item) -> {});
  }

  @Test
  void aDocumentReadFromTheApiKeepsTheStoredSecretsWhenSentBack() {
    JobConfig stored =
        parse(
            "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1/h\",\"secret\":\"whsec_real-secret\","
                + "\"headers\":{\"Authorization\":\"Bearer real-token\",\"X-Team\":\"a\"}}");
    JobConfig echoed =
        JobDocuments.fromStoredJson(JobDocuments.toJson(stored, JobDocuments.Secrets.INCLUDED));
    String redacted =
        JobDocuments.toTree(stored, JobDocuments.Secrets.REDACTED).get("sink").toString();
    JobConfig sentBack = parse(redacted);

    SinkConfig.Webhook kept =
        (SinkConfig.Webhook) RedactedSecrets.keepStored(sentBack, echoed).sink();
    assertThat(kept.secret()).isEqualTo("whsec_real-secret");
    assertThat(kept.headers())
        .containsEntry("Authorization", "Bearer real-token")
        .containsEntry("X-Team", "a");
  }

  @Test
  void aNewValueReplacesTheStoredSecret() {
    JobConfig stored =
        parse(
            "{\"type\":\"s3\",\"bucket\":\"b-1\",\"region\":\"r\",\"accessKeyId\":\"old-id\",\"secretAccessKey\":\"old-key\"}");
    JobConfig incoming =
        parse(
            "{\"type\":\"s3\",\"bucket\":\"b-1\",\"region\":\"r\",\"accessKeyId\":\""
                + JobDocuments.REDACTED
                + "\",\"secretAccessKey\":\"new-key\"}");
    SinkConfig.S3 s3 = (SinkConfig.S3) RedactedSecrets.keepStored(incoming, stored).sink();
    assertThat(s3.accessKeyId()).isEqualTo("old-id");
    assertThat(s3.secretAccessKey()).isEqualTo("new-key");
  }

  @Test
  void aPlaceholderWithNothingStoredIsAnErrorAtItsPath() {
    JobConfig incoming =
        parse(
            "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1/h\",\"secret\":\""
                + JobDocuments.REDACTED
                + "\"}");
    assertThatThrownBy(() -> RedactedSecrets.keepStored(incoming, null))
        .isInstanceOfSatisfying(
            InvalidDocumentException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::path)
                    .containsExactly("$.sink.secret"));
  }
}
