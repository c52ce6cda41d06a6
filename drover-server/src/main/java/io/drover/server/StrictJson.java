package io.drover.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way request bodies other than Job documents are read, with the Job document parser's
 * rules: a key given twice is refused naming it; numbers are kept exactly as sent (BigInteger,
 * BigDecimal), and one no double can hold (1e99999, 1e-99999) is refused; a string with a lone
 * surrogate ({@code "\ud800"}) is refused; messages say what is wrong and where, without the JSON
 * library's advice.
 */
final class StrictJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
  // The library's advice ("enable `JsonReadFeature...` to allow", "(bound as `...JsonNode`)")
  // speaks of its own switches, which a client of the API cannot turn.
  private static final Pattern HINT =
      Pattern.compile(
          "\\s*\\((?:[^()]|\\([^()]*\\))*(?:Feature|enabl|bound as)(?:[^()]|\\([^()]*\\))*\\)"
              + "|,?\\s*from\\s+`[^`]*`"
              + "|:?\\s*(?:enable|not allowed as per)\\s+`[^`]*`.*$");
  private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);
  private static final BigDecimal DOUBLE_MIN = new BigDecimal(Double.MIN_VALUE);

  private StrictJson() {}

  /** The body as a tree; {@code expected} describes the body in the message of an empty one. */
  static JsonNode read(InputStream in, String expected) {
    JsonNode node;
    try (in) {
      node = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      throw ApiException.badRequest("$", "$: the body is empty; expected " + expected);
    }
    check(node, "$");
    return node;
  }

  private static void check(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = path + "." + field.getKey();
        if (!validUnicode(field.getKey())) {
          throw ApiException.badRequest(
              path, "a field name has a lone UTF-16 surrogate; expected valid Unicode text");
        }
        check(field.getValue(), child);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isTextual() && !validUnicode(node.textValue())) {
      throw ApiException.badRequest(
          path,
          path + " has a lone UTF-16 surrogate (such as \\ud800); expected valid Unicode text");
    } else if (node.isBigDecimal()) {
      BigDecimal value = node.decimalValue().abs();
      if (value.compareTo(DOUBLE_MAX) > 0
          || value.signum() != 0 && value.compareTo(DOUBLE_MIN) < 0) {
        throw ApiException.badRequest(
            path,
            path
                + " = "
                + Query.shown(node.decimalValue().toString())
                + ": expected a number a 64-bit double can hold (about 4.9e-324 to 1.8e308)");
      }
    }
  }

  static boolean validUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static ApiException malformed(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    Matcher duplicate = DUPLICATE.matcher(message);
    if (duplicate.find()) {
      String key = duplicate.group(1);
      String parent = pathOf(e);
      return ApiException.badRequest(
          parent + "." + key,
          "the key '" + Query.shown(key) + "' is given twice in " + parent + "; expected it once");
    }
    if (e instanceof StreamConstraintsException) {
      return ApiException.badRequest(
          pathOf(e), "the body is too deeply nested or has too long a value: " + clean(message));
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    String path = e instanceof JsonParseException ? pathOf(e) : "$";
    return ApiException.badRequest(
        path, path + ": the body is not well-formed JSON" + where + ": " + clean(message));
  }

  private static String pathOf(JsonProcessingException e) {
    if (e instanceof JsonParseException parse && parse.getProcessor() != null) {
      var context = parse.getProcessor().getParsingContext();
      StringBuilder path = new StringBuilder();
      java.util.Deque<String> parts = new java.util.ArrayDeque<>();
      for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inObject()) {
          if (c == context) {
            continue;
          }
          parts.push("." + c.getCurrentName());
        } else if (c.inArray()) {
          parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
      }
      path.append("$");
      parts.forEach(path::append);
      return path.toString();
    }
    return "$";
  }

  private static String clean(String message) {
    String line = message.lines().findFirst().orElse("");
    return HINT.matcher(line).replaceAll("").trim();
  }
}
