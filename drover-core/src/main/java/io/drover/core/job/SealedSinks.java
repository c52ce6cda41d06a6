package io.drover.core.job;

import io.drover.core.secret.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sink's secrets (webhook headers and secret, S3 keys) sealed for the store and opened for
 * sending. A value that is already sealed is left as it is (a save that kept a stored secret), and
 * one that does not open is used as written (a Job stored before secrets were sealed).
 */
public final class SealedSinks {
  /** The context every sink secret is sealed under: a Job's sink is copied to its JobRuns. */
  static final String CONTEXT = "sink";

  private SealedSinks() {}

  public static JobConfig seal(JobConfig config, SecretBox box) {
    if (config.sink() == null) {
      return config;
    }
    return new JobConfig(
        config.id(),
        config.configuration(),
        config.schedule(),
        map(config.sink(), value -> opens(box, value) ? value : box.seal(value, CONTEXT)),
        config.authSession());
  }

  /** A sink alone (a standalone Run's) with its secrets sealed. */
  public static SinkConfig seal(SinkConfig sink, SecretBox box) {
    return sink == null
        ? null
        : map(sink, value -> opens(box, value) ? value : box.seal(value, CONTEXT));
  }

  public static SinkConfig open(SinkConfig sink, SecretBox box) {
    if (sink == null) {
      return null;
    }
    return map(sink, value -> opens(box, value) ? box.openText(value, CONTEXT) : value);
  }

  private static boolean opens(SecretBox box, String value) {
    try {
      box.openText(value, CONTEXT);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static SinkConfig map(SinkConfig sink, java.util.function.UnaryOperator<String> secret) {
    java.util.function.UnaryOperator<String> each = v -> v == null ? null : secret.apply(v);
    if (sink instanceof SinkConfig.Webhook w) {
      Map<String, String> headers = new LinkedHashMap<>();
      w.headers().forEach((name, value) -> headers.put(name, each.apply(value)));
      return new SinkConfig.Webhook(
          w.url(), headers, each.apply(w.secret()), w.skipOnFail(), w.apisToSend());
    }
    SinkConfig.S3 s = (SinkConfig.S3) sink;
    return new SinkConfig.S3(
        s.bucket(),
        s.region(),
        s.prefix(),
        each.apply(s.accessKeyId()),
        each.apply(s.secretAccessKey()),
        s.endpoint(),
        s.forcePathStyle(),
        s.skipOnFail(),
        s.apisToSend());
  }
}
