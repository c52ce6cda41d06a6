package io.drover.core.job;

/**
 * How a Job's Runs execute. {@code maximumConcurrentRequests} is {@code null} when the document
 * leaves it to the Project default. {@code requestTimeout} is in seconds. {@code trace} says which
 * attempts keep a Playwright trace.
 */
public record Configuration(
    int maximumAttempts, Integer maximumConcurrentRequests, int requestTimeout, TraceMode trace) {

  public static final int DEFAULT_MAXIMUM_ATTEMPTS = 3;
  public static final int DEFAULT_REQUEST_TIMEOUT = 600;
  public static final int MAX_MAXIMUM_ATTEMPTS = 100;
  public static final int MAX_CONCURRENT_REQUESTS = 1000;
  public static final int MAX_REQUEST_TIMEOUT = 86_400;
  public static final TraceMode DEFAULT_TRACE = TraceMode.ON;

  public Configuration {
    trace = trace == null ? DEFAULT_TRACE : trace;
  }

  public Configuration(int maximumAttempts, Integer maximumConcurrentRequests, int requestTimeout) {
    this(maximumAttempts, maximumConcurrentRequests, requestTimeout, DEFAULT_TRACE);
  }

  public static Configuration defaults() {
    return new Configuration(
        DEFAULT_MAXIMUM_ATTEMPTS, null, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRACE);
  }
}
