package io.drover.core.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Job documents in canonical form: canonical spellings, every default written out, durations in the
 * short form. What a Job is stored as (with its secrets) and shown as (redacted).
 */
public final class JobDocuments {
  /** What stands for a secret in a redacted document. */
  public static final String REDACTED = "********";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final JobConfigParser STORED = JobConfigParser.forStored();

  /** Whether a written document keeps its secrets (for storage) or hides them (for users). */
  public enum Secrets {
    INCLUDED,
    REDACTED
  }

  private JobDocuments() {}

  /** The configuration without payload, as a tree the API can extend. */
  public static ObjectNode toTree(JobConfig config, Secrets secrets) {
    ObjectNode node = JSON.objectNode().put("id", config.id());
    node.set("configuration", configuration(config.configuration()));
    if (config.schedule() != null) {
      node.set("schedule", ScheduleWriter.toTree(config.schedule()));
    }
    if (config.sink() != null) {
      node.set("sink", sink(config.sink(), secrets == Secrets.REDACTED));
    }
    if (config.authSession() != null) {
      AuthSessionRef session = config.authSession();
      node.putObject("authSession")
          .put("id", session.id())
          .put("checkAttempts", session.checkAttempts())
          .put("createAttempts", session.createAttempts());
    }
    return node;
  }

  public static String toJson(JobConfig config, Secrets secrets) {
    try {
      return JobConfigParser.MAPPER.writeValueAsString(toTree(config, secrets));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A configuration written by {@link #toJson} with {@link Secrets#INCLUDED}. API names are not
   * checked against the Project: they were when the Job was saved.
   *
   * @throws InvalidDocumentException if the text is not such a document
   */
  public static JobConfig fromStoredJson(String json) {
    return STORED.parse(json, (index, item) -> {});
  }

  /** A sink alone, as a Job document stores it ({@link Secrets#INCLUDED}: as they are given). */
  public static String sinkToJson(SinkConfig sink) {
    return sink(sink, false).toString();
  }

  /** A sink written by {@link #sinkToJson}; API names are not checked (they were when stored). */
  public static SinkConfig sinkFromStoredJson(String json) {
    return JobConfigParser.forStored().parseSink(json);
  }

  /** One payload item: {@code {"apiName", "parameters", "retry"?, "requestTimeout"?}}. */
  public static ObjectNode toTree(PayloadItemConfig item) {
    ObjectNode node = JSON.objectNode().put("apiName", item.apiName());
    node.set("parameters", item.parameters() == null ? JSON.objectNode() : item.parameters());
    if (item.maximumAttempts() != null) {
      node.putObject("retry").put("maximumAttempts", item.maximumAttempts());
    }
    if (item.requestTimeout() != null) {
      node.put("requestTimeout", item.requestTimeout());
    }
    return node;
  }

  /** Writes one payload item, so a payload of any size can be streamed out item by item. */
  public static void write(JsonGenerator generator, PayloadItemConfig item) throws IOException {
    generator.writeTree(toTree(item));
  }

  private static ObjectNode configuration(Configuration configuration) {
    ObjectNode node = JSON.objectNode().put("maximumAttempts", configuration.maximumAttempts());
    if (configuration.maximumConcurrentRequests() != null) {
      node.put("maximumConcurrentRequests", configuration.maximumConcurrentRequests());
    }
    return node.put("requestTimeout", configuration.requestTimeout())
        .put("trace", configuration.trace().text());
  }

  private static ObjectNode sink(SinkConfig sink, boolean redact) {
    ObjectNode node = JSON.objectNode();
    if (sink instanceof SinkConfig.Webhook webhook) {
      node.put("type", "webhook").put("url", redact ? redactQuery(webhook.url()) : webhook.url());
      ObjectNode headers = node.putObject("headers");
      for (Map.Entry<String, String> header : webhook.headers().entrySet()) {
        headers.put(header.getKey(), secret(header.getValue(), redact));
      }
      if (webhook.secret() != null) {
        node.put("secret", secret(webhook.secret(), redact));
      }
    } else if (sink instanceof SinkConfig.S3 s3) {
      node.put("type", "s3")
          .put("bucket", s3.bucket())
          .put("region", s3.region())
          .put("prefix", s3.prefix())
          .put("accessKeyId", secret(s3.accessKeyId(), redact))
          .put("secretAccessKey", secret(s3.secretAccessKey(), redact));
      if (s3.endpoint() != null) {
        node.put("endpoint", s3.endpoint());
      }
      node.put("forcePathStyle", s3.forcePathStyle());
    }
    node.put("skipOnFail", sink.skipOnFail());
    List<String> apis = sink.apisToSend();
    if (apis != null) {
      apis.forEach(node.putArray("apisToSend")::add);
    }
    return node;
  }

  private static String secret(String value, boolean redact) {
    return redact ? REDACTED : value;
  }

  /** The url with its query (where tokens live) replaced by the placeholder. */
  public static String redactQuery(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    int fragment = url.indexOf('#', query);
    return url.substring(0, query + 1) + REDACTED + (fragment < 0 ? "" : url.substring(fragment));
  }
}
