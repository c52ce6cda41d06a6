package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reading what a request carries: its body (size-limited), paging and filters. */
final class Requests {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /**
   * How much of a too-large body is read away before the 413 is sent: a server that closes the
   * connection with the client's bytes unread resets it, and a client still sending then loses the
   * response. Beyond this the connection is closed all the same.
   */
  static final long DISCARD_AT_MOST = 16L * 1024 * 1024;

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

  /** Reads the rest of a rejected body away, up to {@link #DISCARD_AT_MOST} bytes. */
  static void discardRest(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > DISCARD_AT_MOST) {
      return;
    }
    byte[] buffer = new byte[16 * 1024];
    long read = 0;
    try {
      InputStream in = ctx.req().getInputStream();
      for (int n = in.read(buffer); n >= 0 && read <= DISCARD_AT_MOST; n = in.read(buffer)) {
        read += n;
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, or the body was already consumed: the 413 goes out regardless
    }
  }

  static int limit(Context ctx) {
    return Query.of(ctx).whole("limit", DEFAULT_LIMIT, MAX_LIMIT);
  }

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
