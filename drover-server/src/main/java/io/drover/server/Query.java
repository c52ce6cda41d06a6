package io.drover.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's query parameters, read strictly from the raw query string as UTF-8 whatever the
 * request's headers say: a bad percent-escape, invalid UTF-8, a parameter given twice or one the
 * route does not take is a 400 naming it. (Jetty's own decoding follows the body's declared
 * charset, and gave no parameters at all for {@code charset=latin-1}, so a dry run saved.)
 */
final class Query {
  private static final String ATTRIBUTE = "drover.query";
  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  /** The query of this request, parsed once and checked against the names its route takes. */
  static Query of(Context ctx) {
    Query cached = ctx.attribute(ATTRIBUTE);
    if (cached == null) {
      cached = parse(ctx.queryString());
      ctx.attribute(ATTRIBUTE, cached);
    }
    return cached;
  }

  static Query parse(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query parameter name");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
        if (values.put(name, value) != null) {
          throw ApiException.badRequest(
              name, "query parameter " + name + " is given twice; expected it at most once");
        }
      }
    }
    return new Query(values);
  }

  /** Refuses a parameter the route does not take (a misspelt {@code dryrun} must not pass). */
  void only(Set<String> known, String route) {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            name,
            "query parameter "
                + shown(name)
                + " is not known to "
                + route
                + "; expected "
                + (known.isEmpty() ? "no query parameters" : "one of " + known));
      }
    }
  }

  String text(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** {@code true} or {@code false} exactly; absent is false. */
  boolean flag(String name) {
    String value = values.get(name);
    if (value == null) {
      return false;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badRequest(
              name,
              "query parameter " + name + " = '" + shown(value) + "': expected true or false");
    };
  }

  /** A whole number from 1 to max written in digits only (no sign, no spaces); absent: fallback. */
  int whole(String name, int fallback, int max) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (WHOLE.matcher(value).matches()) {
      int number = Integer.parseInt(value);
      if (number >= 1 && number <= max) {
        return number;
      }
    }
    throw ApiException.badRequest(
        name,
        "query parameter "
            + name
            + " = '"
            + shown(value)
            + "': expected a whole number from 1 to "
            + max);
  }

  /** One of the enum's names, exactly as written (upper case); absent or empty: null. */
  <E extends Enum<E>> E oneOf(String name, Class<E> type) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw ApiException.badRequest(
        name,
        "query parameter "
            + name
            + " = '"
            + shown(value)
            + "': expected one of "
            + java.util.Arrays.toString(type.getEnumConstants()));
  }

  static String shown(String value) {
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .limit(60)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return value.codePointCount(0, value.length()) > 60 ? out + "..." : out.toString();
  }

  private static String decode(String raw, String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw ApiException.badRequest(
              name, "the query has a bad percent-escape in " + name + ": expected %XX, XX hex");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest(
          name, "the query has invalid UTF-8 in " + name + ": expected percent-encoded UTF-8");
    }
  }
}
