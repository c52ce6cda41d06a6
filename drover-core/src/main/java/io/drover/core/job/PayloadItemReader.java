package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Validates one payload item: {@code {"apiName" | "api", "parameters"?, "retry"?,
 * "requestTimeout"?}}.
 */
final class PayloadItemReader {
  private static final List<String> FIELDS =
      List.of("apiName", "api", "parameters", "retry", "requestTimeout");

  private final ApiNames apiNames;

  PayloadItemReader(ApiNames apiNames) {
    this.apiNames = apiNames;
  }

  /** The item, or null when it has problems (recorded). */
  PayloadItemConfig read(JsonNode value, String path, Problems problems) {
    long before = problems.total();
    Section item =
        Section.of(value, path, "a payload item object {\"apiName\", \"parameters\"}", problems);
    PayloadItemConfig config = item == null ? null : read(item);
    return problems.total() == before ? config : null;
  }

  private PayloadItemConfig read(Section item) {
    item.allowOnly(FIELDS);
    String apiField = item.spelling("apiName", "api");
    String apiName = item.requiredText(apiField, apiNames.expected());
    if (apiName != null && !apiNames.accepts(apiName)) {
      item.problem(apiField, item.get(apiField), apiNames.expected());
    }
    ObjectNode parameters = JsonNodeFactory.instance.objectNode();
    Section given = item.section("parameters", "a JSON object of parameters");
    if (given != null) {
      parameters = given.node();
    }
    Integer maximumAttempts = null;
    Section retry = item.section("retry", "an object {\"maximumAttempts\": n}");
    if (retry != null) {
      retry.allowOnly(List.of("maximumAttempts"));
      maximumAttempts = retry.integer("maximumAttempts", 1, Configuration.MAX_MAXIMUM_ATTEMPTS);
    }
    Integer requestTimeout = item.integer("requestTimeout", 1, Configuration.MAX_REQUEST_TIMEOUT);
    return new PayloadItemConfig(apiName, parameters, maximumAttempts, requestTimeout);
  }
}
