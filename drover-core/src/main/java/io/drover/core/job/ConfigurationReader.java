package io.drover.core.job;

import java.util.List;

/**
 * Reads {@code configuration}, in the canonical spelling or the hosted product's ({@code
 * retry.maximumAttempts}, {@code maxConcurrentRequests}), and Drover's own {@code trace} option.
 */
final class ConfigurationReader {
  private static final List<String> FIELDS =
      List.of(
          "maximumAttempts",
          "retry",
          "maximumConcurrentRequests",
          "maxConcurrentRequests",
          "requestTimeout",
          "trace");

  private ConfigurationReader() {}

  static Configuration read(Section configuration) {
    configuration.allowOnly(FIELDS);
    int maximumAttempts = Configuration.DEFAULT_MAXIMUM_ATTEMPTS;
    if (configuration.spelling("maximumAttempts", "retry").equals("retry")) {
      Section retry = configuration.section("retry", "an object {\"maximumAttempts\": n}");
      if (retry != null) {
        retry.allowOnly(List.of("maximumAttempts"));
        maximumAttempts = attempts(retry);
      }
    } else {
      maximumAttempts = attempts(configuration);
    }
    String concurrency =
        configuration.spelling("maximumConcurrentRequests", "maxConcurrentRequests");
    Integer maximumConcurrentRequests =
        configuration.integer(concurrency, 1, Configuration.MAX_CONCURRENT_REQUESTS);
    int requestTimeout =
        configuration.integer(
            "requestTimeout",
            1,
            Configuration.MAX_REQUEST_TIMEOUT,
            Configuration.DEFAULT_REQUEST_TIMEOUT);
    TraceMode trace = configuration.parsed("trace", TraceMode.EXPECTED, TraceMode::parse);
    return new Configuration(maximumAttempts, maximumConcurrentRequests, requestTimeout, trace);
  }

  private static int attempts(Section section) {
    return section.integer(
        "maximumAttempts",
        1,
        Configuration.MAX_MAXIMUM_ATTEMPTS,
        Configuration.DEFAULT_MAXIMUM_ATTEMPTS);
  }
}
