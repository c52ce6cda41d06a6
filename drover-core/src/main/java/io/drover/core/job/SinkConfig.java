package io.drover.core.job;

import java.util.List;
import java.util.Map;

/** Where a Job's results go. Secrets (headers, secret, keys) are never logged or returned. */
public sealed interface SinkConfig {

  boolean skipOnFail();

  /** APIs whose Runs are delivered; {@code null} means all. */
  List<String> apisToSend();

  record Webhook(
      String url,
      Map<String, String> headers,
      String secret,
      boolean skipOnFail,
      List<String> apisToSend)
      implements SinkConfig {}

  record S3(
      String bucket,
      String region,
      String prefix,
      String accessKeyId,
      String secretAccessKey,
      String endpoint,
      boolean forcePathStyle,
      boolean skipOnFail,
      List<String> apisToSend)
      implements SinkConfig {}
}
