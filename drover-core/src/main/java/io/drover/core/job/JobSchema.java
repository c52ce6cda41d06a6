package io.drover.core.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of a Job document, both spellings, for editors and clients. The
 * parser remains the authority: it also checks what a schema cannot (API names, time zones, cron).
 */
public final class JobSchema {
  private static final String RESOURCE = "job.schema.json";

  private JobSchema() {}

  public static String text() {
    return Holder.TEXT;
  }

  private static final class Holder {
    static final String TEXT = load();

    private static String load() {
      try (InputStream in = JobSchema.class.getResourceAsStream(RESOURCE)) {
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
