package io.drover.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.1 description of the REST API: {@code openapi.json} next to this class, kept by
 * hand. A route added to {@link Routes} gets its entry under {@code paths} (its schemas under
 * {@code components}); OpenApiTest fails while a route is undocumented, a documented route is gone,
 * or a response the tests see does not match its schema.
 */
final class OpenApi {
  static final String RESOURCE = "openapi.json";

  private OpenApi() {}

  static String text() {
    return Holder.TEXT;
  }

  private static final class Holder {
    static final String TEXT = load();

    private static String load() {
      try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
