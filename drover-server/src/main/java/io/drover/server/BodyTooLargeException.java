package io.drover.server;

/** A request body past the server's maxRequestBytes (HTTP 413). */
final class BodyTooLargeException extends RuntimeException {
  BodyTooLargeException(long limit, String source) {
    super(
        "the request body is larger than this endpoint accepts ("
            + limit
            + " bytes, "
            + source
            + ")");
  }
}
