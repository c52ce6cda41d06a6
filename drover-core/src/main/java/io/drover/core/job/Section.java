package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * One JSON object of the document at a known path. Reading a field records a Problem when it is
 * malformed and returns null, so callers go on and report every problem of the document.
 */
final class Section {
  private final ObjectNode node;
  private final String path;
  private final Problems problems;

  Section(ObjectNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** The section at path, or null (after recording a Problem) when value is not an object. */
  static Section of(JsonNode value, String path, String expected, Problems problems) {
    if (value instanceof ObjectNode object) {
      return new Section(object, path, problems);
    }
    problems.add(path, Values.show(value), expected);
    return null;
  }

  String path() {
    return path;
  }

  String path(String name) {
    return Values.field(path, name);
  }

  Problems problems() {
    return problems;
  }

  ObjectNode node() {
    return node;
  }

  /** The field's value, or null when it is absent or JSON null (an optional null means absent). */
  JsonNode get(String name) {
    JsonNode value = node.get(name);
    return Values.isAbsent(value) ? null : value;
  }

  boolean has(String name) {
    return get(name) != null;
  }

  void problem(String name, JsonNode value, String expected) {
    problems.add(path(name), Values.show(value), expected);
  }

  void allowOnly(List<String> names) {
    Iterator<String> fields = node.fieldNames();
    while (fields.hasNext()) {
      String name = fields.next();
      if (!names.contains(name)) {
        problems.add(unknownField(path(name), names));
      }
    }
  }

  static Problem unknownField(String path, List<String> known) {
    return new Problem(
        path, null, "one of the known fields: " + String.join(", ", known) + " (this one is not)");
  }

  /**
   * Which of two spellings of one field the document uses (the canonical one when neither); both at
   * once is a Problem, as the document would be ambiguous.
   */
  String spelling(String canonical, String alternative) {
    if (node.has(canonical) && node.has(alternative)) {
      problems.add(
          path(alternative),
          null,
          "only one of \""
              + canonical
              + "\" and \""
              + alternative
              + "\" (two spellings of one field)");
    }
    return node.has(alternative) && !node.has(canonical) ? alternative : canonical;
  }

  /** A required field's value, or null after recording that it is missing. */
  JsonNode required(String name, String expected) {
    JsonNode value = get(name);
    if (value == null) {
      problems.add(path(name), node.has(name) ? "null" : null, expected + " (required)");
    }
    return value;
  }

  String requiredText(String name, String expected) {
    return requiredText(name, expected, false);
  }

  String requiredText(String name, String expected, boolean secret) {
    JsonNode value = required(name, expected);
    return value == null ? null : Values.text(value, path(name), expected, secret, problems);
  }

  String text(String name, String expected) {
    JsonNode value = get(name);
    return value == null ? null : Values.text(value, path(name), expected, false, problems);
  }

  Integer integer(String name, int min, int max) {
    JsonNode value = get(name);
    return value == null ? null : Values.integer(value, path(name), min, max, problems);
  }

  int integer(String name, int min, int max, int defaultValue) {
    Integer value = integer(name, min, max);
    return value == null ? defaultValue : value;
  }

  boolean bool(String name, boolean defaultValue) {
    JsonNode value = get(name);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      problem(name, value, "true or false");
      return defaultValue;
    }
    return value.booleanValue();
  }

  /** The nested object at name, or null when absent or not an object (then a Problem). */
  Section section(String name, String expected) {
    JsonNode value = get(name);
    return value == null ? null : of(value, path(name), expected, problems);
  }

  /** The array at name, or null when absent or not an array (then a Problem). */
  ArrayNode array(String name, String expected) {
    JsonNode value = get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof ArrayNode array) {
      return array;
    }
    problem(name, value, expected);
    return null;
  }

  /** A string field checked by parse, which returns null when the text is not acceptable. */
  <T> T parsed(String name, String expected, Function<String, T> parse) {
    String text = text(name, expected);
    if (text == null) {
      return null;
    }
    T result = parse.apply(text);
    if (result == null) {
      problem(name, get(name), expected);
    }
    return result;
  }
}
