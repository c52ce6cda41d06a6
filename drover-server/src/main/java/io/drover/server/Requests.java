package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.InputStream;

/** Reading what a request carries: its body (size-limited), paging and filters. */
final class Requests {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Requests() {}

  /** The body, at most the max-request-bytes setting. */
  static InputStream body(Context ctx, ServerSettings settings) {
    return body(ctx, settings.maxRequestBytes(), "the setting max-request-bytes");
  }

  /** The body, at most {@code maxBytes}; {@code source} says where that limit comes from. */
  static InputStream body(Context ctx, long maxBytes, String source) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw new BodyTooLargeException(maxBytes, source);
    }
    return new LimitedInputStream(ctx.bodyInputStream(), maxBytes, source);
  }

  static int limit(Context ctx) {
    return Query.of(ctx).whole("limit", DEFAULT_LIMIT, MAX_LIMIT);
  }

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
