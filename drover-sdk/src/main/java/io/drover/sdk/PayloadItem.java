package io.drover.sdk;

import java.util.Map;
import java.util.Objects;

/**
 * One payload item: which API to run with which parameters, and optional per-item overrides of the
 * Job's maximumAttempts and requestTimeout (seconds). {@code null} overrides mean "the Job's".
 */
public record PayloadItem(
    String apiName,
    Map<String, Object> parameters,
    Integer maximumAttempts,
    Integer requestTimeout) {

  public PayloadItem {
    Objects.requireNonNull(apiName, "apiName");
    parameters = parameters == null ? Map.of() : parameters;
  }

  public static PayloadItem of(String apiName, Map<String, Object> parameters) {
    return new PayloadItem(apiName, parameters, null, null);
  }
}
