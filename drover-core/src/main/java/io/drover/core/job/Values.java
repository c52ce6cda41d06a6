package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Paths and shown values of Problems, and checks of single JSON values shared by all sections. */
final class Values {
  static final String HIDDEN = "(hidden)";
  private static final int SHOWN_LENGTH = 60;
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Values() {}

  static String field(String parent, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, long index) {
    return parent + "[" + index + "]";
  }

  /** The JSON text of a value as the user wrote it, shortened so a Problem stays readable. */
  static String show(JsonNode value) {
    String text = value == null ? "nothing" : value.toString();
    return shorten(text, SHOWN_LENGTH);
  }

  static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }

  static boolean isAbsent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  /** The integer, or null after recording why the value is not one in [min, max]. */
  static Integer integer(JsonNode value, String path, int min, int max, Problems problems) {
    String expected = "an integer from " + min + " to " + max;
    if (value.isIntegralNumber()) {
      if (value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max) {
        return value.intValue();
      }
      problems.add(path, show(value), expected);
    } else if (value.isNumber()) {
      problems.add(
          path, show(value), expected + " written without a fraction or exponent (3, not 3.0)");
    } else if (value.isTextual()) {
      problems.add(path, show(value), expected + " (a JSON number, not a string)");
    } else {
      problems.add(path, show(value), expected);
    }
    return null;
  }

  /** The string, or null after recording that the value is not one. */
  static String text(
      JsonNode value, String path, String expected, boolean secret, Problems problems) {
    if (value.isTextual()) {
      return value.textValue();
    }
    problems.add(path, secret ? HIDDEN : show(value), expected);
    return null;
  }
}
