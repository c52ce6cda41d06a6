package io.drover.core.sink;

import java.time.Duration;

/** What one try got: an HTTP status, or an error (timeout, refused...), and a Retry-After. */
record TryResult(Integer statusCode, String error, Duration retryAfter) {

  boolean delivered() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
