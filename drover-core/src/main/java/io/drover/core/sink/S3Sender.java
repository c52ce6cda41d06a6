package io.drover.core.sink;

import io.drover.core.job.SinkConfig;
import io.drover.core.store.DueDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One PutObject per delivery, at {@code {prefix}{jobId}/{jobRunId}/{apiName}/{runId}.json} (a
 * standalone Run's at {@code {prefix}runs/{apiName}/{runId}.json}). One client per distinct
 * connection (region, endpoint, path style, keys), kept while the Deliverer runs. The SDK's own
 * retries are off: a failed put is one failed try, retried by the Deliverer's backoff. Errors are
 * recorded as the S3 status, code and message, never with the sink's keys.
 */
final class S3Sender implements AutoCloseable {
  static final String DEFAULT_REGION = "us-east-1";
  static final int MAXIMUM_CLIENTS = 128;
  private static final String HIDDEN = "********";

  /** What a client depends on; bucket, prefix and filters do not need a client of their own. */
  private record Connection(
      String region, String endpoint, boolean forcePathStyle, String keyId, String secretKey) {
    static Connection of(SinkConfig.S3 sink) {
      return new Connection(
          sink.region() == null ? DEFAULT_REGION : sink.region(),
          sink.endpoint(),
          sink.forcePathStyle(),
          sink.accessKeyId(),
          sink.secretAccessKey());
    }

    @Override
    public String toString() {
      return "S3 " + region + (endpoint == null ? "" : " at " + endpoint);
    }
  }

  private final Executor executor;
  private final Function<String, Duration> retryAfter;
  private final Map<Connection, S3Client> clients = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  /**
   * @param executor where the blocking puts run (the Deliverer's)
   * @param retryAfter reads a {@code Retry-After} header, as for webhooks
   */
  S3Sender(Executor executor, Function<String, Duration> retryAfter) {
    this.executor = executor;
    this.retryAfter = retryAfter;
  }

  /** The receiver a sink's deliveries count against for the per-target limit. */
  static String targetOf(SinkConfig.S3 sink) {
    String endpoint =
        sink.endpoint() == null ? "s3:" + Connection.of(sink).region() : sink.endpoint();
    return endpoint + "/" + sink.bucket();
  }

  static String keyOf(SinkConfig.S3 sink, DueDelivery delivery) {
    String path =
        delivery.jobRunId() == null
            ? "runs/" + delivery.apiName() + "/" + delivery.runId()
            : delivery.jobId()
                + "/"
                + delivery.jobRunId()
                + "/"
                + delivery.apiName()
                + "/"
                + delivery.runId();
    return sink.prefix() + path + ".json";
  }

  CompletableFuture<TryResult> send(SinkConfig.S3 sink, DueDelivery delivery) {
    return CompletableFuture.supplyAsync(() -> put(sink, delivery), executor);
  }

  private TryResult put(SinkConfig.S3 sink, DueDelivery delivery) {
    try {
      PutObjectRequest request =
          PutObjectRequest.builder()
              .bucket(sink.bucket())
              .key(keyOf(sink, delivery))
              .contentType("application/json")
              .metadata(Map.of("delivery-id", delivery.id()))
              .build();
      PutObjectResponse response =
          client(sink)
              .putObject(
                  request, RequestBody.fromString(delivery.bodyJson(), StandardCharsets.UTF_8));
      return new TryResult(response.sdkHttpResponse().statusCode(), null, null);
    } catch (S3Exception e) {
      AwsErrorDetails details = e.awsErrorDetails();
      String header =
          details == null || details.sdkHttpResponse() == null
              ? null
              : details.sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
      return new TryResult(e.statusCode(), scrub(describe(e), sink), retryAfter.apply(header));
    } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
      return new TryResult(null, scrub(describe(e), sink), null);
    }
  }

  private static String describe(S3Exception e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null ? null : details.errorCode();
    String message = details == null ? null : details.errorMessage();
    StringBuilder text = new StringBuilder("S3 HTTP ").append(e.statusCode());
    if (code != null && !code.isBlank()) {
      text.append(' ').append(code);
    }
    if (message != null && !message.isBlank()) {
      text.append(": ").append(message);
    }
    return text.toString();
  }

  private static String describe(RuntimeException e) {
    // The SDK wraps the cause (connection refused, unknown host, timeout): name both.
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      text.append(": ").append(e.getMessage());
    }
    Throwable cause = e.getCause();
    if (cause != null
        && cause.getMessage() != null
        && (e.getMessage() == null || !e.getMessage().contains(cause.getMessage()))) {
      text.append(" (").append(cause.getClass().getSimpleName()).append(": ");
      text.append(cause.getMessage()).append(')');
    }
    return text.toString();
  }

  /** The keys never go into a recorded error, whatever the SDK or the store put in its text. */
  static String scrub(String text, SinkConfig.S3 sink) {
    String scrubbed = text;
    for (String secret : new String[] {sink.secretAccessKey(), sink.accessKeyId()}) {
      if (secret != null && !secret.isEmpty()) {
        scrubbed = scrubbed.replace(secret, HIDDEN);
      }
    }
    return scrubbed;
  }

  private synchronized S3Client client(SinkConfig.S3 sink) {
    if (closed) {
      throw new IllegalStateException("the deliverer is closed");
    }
    Connection connection = Connection.of(sink);
    S3Client client = clients.get(connection);
    if (client == null) {
      client = build(connection);
      clients.put(connection, client);
      if (clients.size() > MAXIMUM_CLIENTS) {
        // The least recently used goes; a put still running on it fails and is tried again.
        Iterator<S3Client> eldest = clients.values().iterator();
        eldest.next().close();
        eldest.remove();
      }
    }
    return client;
  }

  /** Clients held now. */
  synchronized int clients() {
    return clients.size();
  }

  private static S3Client build(Connection connection) {
    AwsCredentialsProvider credentials =
        connection.keyId() == null || connection.secretKey() == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(connection.keyId(), connection.secretKey()));
    var builder =
        S3Client.builder()
            .region(Region.of(connection.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(connection.forcePathStyle())
            // Checksums only where S3 requires them: S3-compatible stores do not all take the
            // newer trailing checksums.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(
                Apache5HttpClient.builder()
                    .connectionTimeout(WebhookSender.TIMEOUT)
                    .socketTimeout(WebhookSender.TIMEOUT)
                    .maxConnections(Deliverer.DEFAULT_PER_TARGET)
                    .build())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(WebhookSender.TIMEOUT));
    if (connection.endpoint() != null) {
      builder.endpointOverride(URI.create(connection.endpoint()));
    }
    return builder.build();
  }

  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(S3Client::close);
    clients.clear();
  }
}
