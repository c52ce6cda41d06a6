package io.drover.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Job read from the API shows its secrets as {@value JobDocuments#REDACTED}. When such a document
 * is sent back to replace the Job, the placeholders mean "keep what is stored" — never "store eight
 * asterisks". A placeholder with nothing stored to keep is an error at its path.
 */
public final class RedactedSecrets {
  private static final String R = JobDocuments.REDACTED;

  private RedactedSecrets() {}

  /** {@code incoming} with its placeholders filled from {@code stored} (which may be null). */
  public static JobConfig keepStored(JobConfig incoming, JobConfig stored) {
    SinkConfig sink = incoming.sink();
    if (sink == null) {
      return incoming;
    }
    SinkConfig old = stored == null ? null : stored.sink();
    List<Problem> problems = new ArrayList<>();
    SinkConfig filled =
        sink instanceof SinkConfig.Webhook w
            ? webhook(w, old instanceof SinkConfig.Webhook o ? o : null, problems)
            : s3((SinkConfig.S3) sink, old instanceof SinkConfig.S3 o ? o : null, problems);
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
    return new JobConfig(
        incoming.id(),
        incoming.configuration(),
        incoming.schedule(),
        filled,
        incoming.authSession());
  }

  private static SinkConfig.Webhook webhook(
      SinkConfig.Webhook w, SinkConfig.Webhook old, List<Problem> problems) {
    Map<String, String> headers = new LinkedHashMap<>();
    w.headers()
        .forEach(
            (name, value) ->
                headers.put(
                    name,
                    keep(
                        value,
                        old == null ? null : old.headers().get(name),
                        Values.field("$.sink.headers", name),
                        problems)));
    String secret = keep(w.secret(), old == null ? null : old.secret(), "$.sink.secret", problems);
    String url = w.url();
    if (old != null && url.contains(R) && url.equals(JobDocuments.redactQuery(old.url()))) {
      url = old.url(); // the redacted form as read back: the stored query is kept
    }
    return new SinkConfig.Webhook(url, headers, secret, w.skipOnFail(), w.apisToSend());
  }

  private static SinkConfig.S3 s3(SinkConfig.S3 s, SinkConfig.S3 old, List<Problem> problems) {
    return new SinkConfig.S3(
        s.bucket(),
        s.region(),
        s.prefix(),
        keep(
            s.accessKeyId(),
            old == null ? null : old.accessKeyId(),
            "$.sink.accessKeyId",
            problems),
        keep(
            s.secretAccessKey(),
            old == null ? null : old.secretAccessKey(),
            "$.sink.secretAccessKey",
            problems),
        s.endpoint(),
        s.forcePathStyle(),
        s.skipOnFail(),
        s.apisToSend());
  }

  private static String keep(String value, String stored, String path, List<Problem> problems) {
    if (!R.equals(value)) {
      return value;
    }
    if (stored == null) {
      problems.add(
          new Problem(
              path,
              "\"" + R + "\"",
              "the secret itself: \""
                  + R
                  + "\" keeps a stored secret, and this Job has none stored here"));
      return value;
    }
    return stored;
  }
}
