package io.drover.core.store.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;

/**
 * Many rows bound as ONE statement parameter: a JSON array of flat objects, which the statement
 * reads back as a table ({@link SqlDialect#jsonRows}, each field with {@code f.value ->> 'name'}).
 * A statement over a group of rows then costs one execution instead of one per row. Instants are
 * written as epoch millis, as the store keeps them.
 */
final class JsonRows {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final StringWriter out = new StringWriter();
  private final JsonGenerator json;
  private boolean inRow;
  private int count;

  JsonRows() {
    try {
      json = FACTORY.createGenerator(out);
      json.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One row per value, each with the one field {@code name}: a group of ids. */
  static String of(String name, Collection<String> values) {
    JsonRows rows = new JsonRows();
    for (String value : values) {
      rows.row().put(name, value);
    }
    return rows.json();
  }

  /** Starts the next row. */
  JsonRows row() {
    try {
      if (inRow) {
        json.writeEndObject();
      }
      json.writeStartObject();
      inRow = true;
      count++;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonRows put(String name, String value) {
    try {
      json.writeStringField(name, value);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonRows put(String name, long value) {
    try {
      json.writeNumberField(name, value);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An instant as epoch millis, or JSON null (read back as SQL NULL). */
  JsonRows put(String name, Instant value) {
    try {
      if (value == null) {
        json.writeNullField(name);
      } else {
        json.writeNumberField(name, value.toEpochMilli());
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int count() {
    return count;
  }

  /** The array, to bind; no more rows after this. */
  String json() {
    try {
      if (inRow) {
        json.writeEndObject();
        inRow = false;
      }
      json.writeEndArray();
      json.flush();
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
