package io.drover.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.InputStream;

/** Reading what a request carries: its body (size-limited), paging and filters. */
final class Requests {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Requests() {}

  static InputStream body(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw new BodyTooLargeException(maxBytes);
    }
    return new LimitedInputStream(ctx.bodyInputStream(), maxBytes);
  }

  static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "limit",
        "query parameter limit = '" + value + "': expected a whole number from 1 to " + MAX_LIMIT);
  }

  static String cursor(Context ctx) {
    String value = ctx.queryParam("cursor");
    return value == null || value.isEmpty() ? null : value;
  }

  static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          name,
          "query parameter "
              + name
              + " = '"
              + value
              + "': expected one of "
              + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
