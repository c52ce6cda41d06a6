package io.drover.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4): the client library
 * writes it but ships no parser. Any line that is not a well-formed comment or sample, a sample of
 * an undeclared family, a repeated series, or a histogram whose buckets are not cumulative up to
 * {@code +Inf == _count} fails the parse.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Pattern META =
      Pattern.compile("# (HELP|TYPE) (" + NAME.pattern() + ") ?(.*)");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset", "unknown");

  /** One series: its name and labels (sorted), and its value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, String> types = new HashMap<>();

  private PrometheusText() {}

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    Set<String> series = new HashSet<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        Matcher meta = META.matcher(line);
        if (!meta.matches()) {
          throw new AssertionError("line " + number + ": not a HELP or TYPE comment: " + line);
        }
        if (meta.group(1).equals("TYPE")) {
          if (!TYPES.contains(meta.group(3))
              || parsed.types.put(meta.group(2), meta.group(3)) != null) {
            throw new AssertionError("line " + number + ": bad or repeated TYPE: " + line);
          }
        }
        continue;
      }
      Sample sample = sample(line, number);
      if (parsed.family(sample.name()) == null) {
        throw new AssertionError("line " + number + ": no TYPE declared for " + sample.name());
      }
      if (!series.add(sample.name() + sample.labels())) {
        throw new AssertionError("line " + number + ": repeated series: " + line);
      }
      parsed.samples.add(sample);
    }
    parsed.checkHistograms();
    return parsed;
  }

  private static Sample sample(String line, int number) {
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) {
      throw new AssertionError("line " + number + ": no metric name: " + line);
    }
    int at = name.end();
    Map<String, String> labels = new TreeMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      // label values may hold '}' (route templates do): scan label by label
      int pos = at + 1;
      Matcher label = LABEL.matcher(line);
      while (pos < line.length() && line.charAt(pos) != '}') {
        label.region(pos, line.length());
        if (!label.lookingAt()) {
          throw new AssertionError("line " + number + ": bad label at " + line.substring(pos));
        }
        if (labels.put(label.group(1), unescape(label.group(2))) != null) {
          throw new AssertionError("line " + number + ": repeated label " + label.group(1));
        }
        pos = label.end();
        if (pos < line.length() && line.charAt(pos) == ',') {
          pos++;
        }
      }
      if (pos >= line.length()) {
        throw new AssertionError("line " + number + ": unclosed labels: " + line);
      }
      at = pos + 1;
    }
    String[] rest = line.substring(at).trim().split(" ");
    if (!line.substring(at).startsWith(" ") || rest.length < 1 || rest.length > 2) {
      throw new AssertionError("line " + number + ": expected ' value [timestamp]': " + line);
    }
    return new Sample(name.group(), labels, value(rest[0], number));
  }

  private static double value(String text, int number) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new AssertionError("line " + number + ": not a number: " + text);
        }
    }
  }

  private static String unescape(String value) {
    return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  /** The declared family a sample name belongs to (a histogram's _bucket, _sum, _count too). */
  private String family(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created", "_info")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return null;
  }

  private void checkHistograms() {
    Map<String, List<Sample>> buckets = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (s.name().endsWith("_bucket") && "histogram".equals(types.get(family(s.name())))) {
        Map<String, String> rest = new TreeMap<>(s.labels());
        rest.remove("le");
        buckets.computeIfAbsent(s.name() + rest, k -> new ArrayList<>()).add(s);
      }
    }
    for (List<Sample> series : buckets.values()) {
      double previous = 0;
      for (Sample bucket : series) {
        if (bucket.value() < previous) {
          throw new AssertionError("histogram buckets not cumulative: " + series);
        }
        previous = bucket.value();
      }
      Sample last = series.get(series.size() - 1);
      if (!"+Inf".equals(last.labels().get("le"))) {
        throw new AssertionError("histogram without a +Inf bucket: " + series);
      }
      Map<String, String> labels = new TreeMap<>(last.labels());
      labels.remove("le");
      String count = last.name().replaceAll("_bucket$", "_count");
      if (value(count, labels) != last.value()) {
        throw new AssertionError("histogram +Inf bucket differs from " + count + ": " + series);
      }
    }
  }

  String type(String family) {
    return types.get(family);
  }

  /**
   * The value of the series with exactly these labels; 0 if it is absent (a counter not yet hit).
   */
  double value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
        .mapToDouble(Sample::value)
        .findFirst()
        .orElse(0);
  }

  double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return value(name, labels);
  }

  /** The sum over every series of this name whose labels include these. */
  double sum(String name, String... labelPairs) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(
            s -> {
              for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                  return false;
                }
              }
              return true;
            })
        .mapToDouble(Sample::value)
        .sum();
  }

  Set<String> names() {
    Set<String> names = new HashSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }
}
