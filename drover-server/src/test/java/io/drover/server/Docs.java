package io.drover.server;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small builders for Job documents used by the tests. */
final class Docs {
  private Docs() {}

  static String job(String id, String configuration, List<String> items) {
    return "{\"id\":\""
        + id
        + "\",\"configuration\":"
        + configuration
        + ",\"payload\":["
        + String.join(",", items)
        + "]}";
  }

  static String echo(String parameters) {
    return "{\"apiName\":\"echo\",\"parameters\":" + parameters + "}";
  }

  static List<String> echoes(int count, String extraParameters) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(
            i ->
                echo(
                    "{\"item\":"
                        + i
                        + (extraParameters.isEmpty() ? "" : "," + extraParameters)
                        + "}"))
        .collect(Collectors.toList());
  }

  static String config(int maximumAttempts, int concurrency, int requestTimeout) {
    return "{\"maximumAttempts\":"
        + maximumAttempts
        + ",\"maximumConcurrentRequests\":"
        + concurrency
        + ",\"requestTimeout\":"
        + requestTimeout
        + "}";
  }
}
