package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code sink}: a webhook or an S3 bucket. Secret values never appear in a Problem. */
final class SinkReader {
  static final int MIN_SECRET_LENGTH = 8;
  private static final List<String> WEBHOOK_FIELDS =
      List.of("type", "url", "headers", "secret", "skipOnFail", "apisToSend");
  private static final List<String> S3_FIELDS =
      List.of(
          "type",
          "bucket",
          "region",
          "prefix",
          "accessKeyId",
          "secretAccessKey",
          "endpoint",
          "forcePathStyle",
          "skipOnFail",
          "apisToSend");
  private static final String URL = "an absolute http or https URL";
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  // java.net.http refuses to send these; better to say so now than at the first delivery.
  private static final List<String> RESTRICTED_HEADERS =
      List.of("Connection", "Content-Length", "Expect", "Host", "Upgrade");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private final ApiNames apiNames;

  SinkReader(ApiNames apiNames) {
    this.apiNames = apiNames;
  }

  /** The sink, or null when it has problems (recorded). */
  SinkConfig read(Section sink) {
    long before = sink.problems().total();
    String type = sink.requiredText("type", "\"webhook\" or \"s3\"");
    SinkConfig config;
    if ("webhook".equals(type)) {
      config = webhook(sink);
    } else if ("s3".equals(type)) {
      config = s3(sink);
    } else {
      if (type != null) {
        sink.problem("type", sink.get("type"), "\"webhook\" or \"s3\"");
      }
      return null;
    }
    return sink.problems().total() == before ? config : null;
  }

  private SinkConfig webhook(Section sink) {
    sink.allowOnly(WEBHOOK_FIELDS);
    String url = sink.requiredText("url", URL);
    checkUrl(sink, "url", url);
    Map<String, String> headers = headers(sink);
    String secret = null;
    if (sink.has("secret")) {
      String expected = "a string of at least " + MIN_SECRET_LENGTH + " characters";
      secret =
          Values.text(sink.get("secret"), sink.path("secret"), expected, true, sink.problems());
      if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
        sink.problems().add(sink.path("secret"), Values.HIDDEN, expected);
      }
    }
    boolean skipOnFail = sink.bool("skipOnFail", false);
    return new SinkConfig.Webhook(url, headers, secret, skipOnFail, apisToSend(sink));
  }

  private SinkConfig s3(Section sink) {
    sink.allowOnly(S3_FIELDS);
    String bucket = sink.requiredText("bucket", "an S3 bucket name");
    if (bucket != null && !isBucketName(bucket)) {
      sink.problem(
          "bucket",
          sink.get("bucket"),
          "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and"
              + " ending with a letter or digit");
    }
    String region = nonEmpty(sink, "region", "an S3 region such as \"us-east-1\"", false);
    String prefix = sink.text("prefix", "a string, prepended to every object key");
    String accessKeyId = nonEmpty(sink, "accessKeyId", "a non-empty string", true);
    String secretAccessKey = nonEmpty(sink, "secretAccessKey", "a non-empty string", true);
    String endpoint = sink.text("endpoint", URL);
    checkUrl(sink, "endpoint", endpoint);
    return new SinkConfig.S3(
        bucket,
        region,
        prefix == null ? "" : prefix,
        accessKeyId,
        secretAccessKey,
        endpoint,
        sink.bool("forcePathStyle", false),
        sink.bool("skipOnFail", false),
        apisToSend(sink));
  }

  private static String nonEmpty(Section sink, String name, String expected, boolean secret) {
    String value = sink.requiredText(name, expected, secret);
    if (value != null && value.isBlank()) {
      String shown = secret ? Values.HIDDEN : Values.show(sink.get(name));
      sink.problems().add(sink.path(name), shown, expected);
    }
    return value;
  }

  private static void checkUrl(Section sink, String name, String url) {
    if (url != null && !isHttpUrl(url)) {
      sink.problem(name, sink.get(name), URL);
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean isBucketName(String name) {
    return BUCKET.matcher(name).matches()
        && !name.contains("..")
        && !IP_ADDRESS.matcher(name).matches();
  }

  private static Map<String, String> headers(Section sink) {
    Map<String, String> result = new LinkedHashMap<>();
    JsonNode given = sink.get("headers");
    if (given == null) {
      return Collections.unmodifiableMap(result);
    }
    if (!given.isObject()) {
      String expected = "an object of header names to string values";
      sink.problems().add(sink.path("headers"), Values.HIDDEN, expected);
      return Collections.unmodifiableMap(result);
    }
    Section headers = Section.of(given, sink.path("headers"), "", sink.problems());
    Iterator<Map.Entry<String, JsonNode>> fields = headers.node().fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String path = headers.path(name);
      if (!HEADER_NAME.matcher(name).matches()) {
        headers.problems().add(path, null, "a header name (letters, digits and !#$%&'*+.^_`|~-)");
      } else if (RESTRICTED_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
        String restricted = String.join(", ", RESTRICTED_HEADERS);
        headers
            .problems()
            .add(path, null, "a header other than " + restricted + " (set by Drover)");
      }
      String value =
          Values.text(field.getValue(), path, "a string header value", true, headers.problems());
      if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
        headers.problems().add(path, Values.HIDDEN, "a header value on one line");
      }
      result.put(name, value);
    }
    return Collections.unmodifiableMap(result);
  }

  private List<String> apisToSend(Section sink) {
    ArrayNode array = sink.array("apisToSend", "a non-empty array of API names");
    if (array == null) {
      return null;
    }
    if (array.isEmpty()) {
      sink.problem("apisToSend", array, "a non-empty array of API names (omit it to send all)");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String path = Values.index(sink.path("apisToSend"), i);
      String name = Values.text(array.get(i), path, apiNames.expected(), false, sink.problems());
      if (name != null && !apiNames.accepts(name)) {
        sink.problems().add(path, Values.show(array.get(i)), apiNames.expected());
      }
      names.add(name);
    }
    return Collections.unmodifiableList(names);
  }
}
