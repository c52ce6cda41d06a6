package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every field of the Job document's JSON Schema is described in docs/jobs.md. */
class JobReferenceDocTest {
  private static final Path REFERENCE = Path.of("..", "docs", "jobs.md");

  @Test
  void everyFieldOfTheSchemaIsInTheJobReference() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(JobSchema.text());
    Set<String> fields = new TreeSet<>();
    collect(schema, fields);
    assertThat(fields).as("the scan found the schema's fields").contains("id", "payload", "cron");

    String reference = Files.readString(REFERENCE);
    assertThat(fields)
        .as("fields of job.schema.json missing from " + REFERENCE)
        .allMatch(field -> reference.contains("`" + field + "`"));
  }

  private static void collect(JsonNode node, Set<String> fields) {
    if (node.isObject()) {
      JsonNode properties = node.get("properties");
      if (properties != null && properties.isObject()) {
        properties.fieldNames().forEachRemaining(fields::add);
      }
      node.elements().forEachRemaining(child -> collect(child, fields));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collect(child, fields));
    }
  }
}
