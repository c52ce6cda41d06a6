package io.drover.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboard's JavaScript sources, read as text: which URL each call of api.js asks for. A URL
 * template {@code `/api/v1/projects/${seg(p)}/jobs?limit=${n}`} becomes the path {@code
 * /api/v1/projects/x/jobs} (each {@code ${...}} one placeholder, the query dropped).
 */
final class DashboardSources {
  static final Path ROOT = Path.of("src/main/resources/dashboard");
  private static final Pattern API_CALL =
      Pattern.compile("\\bapi\\.(get|text|blob|post|put|del)\\(\\s*");
  private static final Pattern API_LITERAL = Pattern.compile("[`'\"]/api/");

  record Call(String file, int line, String method, String path, String template) {
    @Override
    public String toString() {
      return method + " " + path + "  (" + file + ":" + line + ", " + template + ")";
    }
  }

  private DashboardSources() {}

  static List<Path> scripts() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String name(Path file) {
    return ROOT.relativize(file).toString();
  }

  /** Every api.get/text/blob/post/put/del(...) call; a URL that is not a literal is an error. */
  static List<Call> apiCalls(Path file) {
    String source = read(file);
    List<Call> calls = new ArrayList<>();
    Matcher m = API_CALL.matcher(source);
    while (m.find()) {
      String method =
          switch (m.group(1)) {
            case "post" -> "POST";
            case "put" -> "PUT";
            case "del" -> "DELETE";
            default -> "GET";
          };
      int start = m.end();
      char quote = source.charAt(start);
      if (quote != '`' && quote != '\'' && quote != '"') {
        throw new AssertionError(
            name(file)
                + ":"
                + line(source, start)
                + ": api."
                + m.group(1)
                + "(...) takes its URL as a literal template, so this test can check it: "
                + source.substring(start, Math.min(source.length(), start + 40)));
      }
      calls.add(call(file, source, start, method));
    }
    return calls;
  }

  /** Every string literal that starts with /api/, wherever it is (links, iframes, api calls). */
  static List<Call> apiLiterals(Path file) {
    String source = read(file);
    List<Call> literals = new ArrayList<>();
    Matcher m = API_LITERAL.matcher(source);
    while (m.find()) {
      literals.add(call(file, source, m.start(), null));
    }
    return literals;
  }

  private static Call call(Path file, String source, int start, String method) {
    StringBuilder text = new StringBuilder();
    int end = literal(source, start, text);
    String template = source.substring(start, end);
    String path = text.toString();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    return new Call(name(file), line(source, start), method, path, template);
  }

  /** Reads the literal at start into out ({@code ${...}} as "x"); returns the index after it. */
  private static int literal(String s, int start, StringBuilder out) {
    char quote = s.charAt(start);
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.append(s.charAt(i + 1));
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else if (quote == '`' && c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        out.append('x');
        i = expressionEnd(s, i + 2);
      } else {
        out.append(c);
        i++;
      }
    }
    throw new AssertionError("unterminated literal at " + start);
  }

  /** The index after the '}' that closes a template's ${ expression, skipping nested literals. */
  private static int expressionEnd(String s, int i) {
    int depth = 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '`' || c == '\'' || c == '"') {
        i = literal(s, i, new StringBuilder());
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new AssertionError("unterminated ${ at " + i);
  }

  private static int line(String source, int index) {
    return (int) source.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }
}
