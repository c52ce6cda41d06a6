package io.drover.core.sink;

import io.drover.core.Clock;
import io.drover.core.job.SinkConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One POST per delivery: {@code application/json}, the sink's headers, Standard Webhooks signature
 * headers when the sink has a secret, a 30 s timeout. Errors are recorded without the URL, whose
 * query may hold a token.
 */
final class WebhookSender {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final Clock clock;
  private final Executor executor;

  WebhookSender(Clock clock, Executor executor) {
    this.clock = clock;
    this.executor = executor;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .build();
  }

  CompletableFuture<TryResult> send(SinkConfig.Webhook sink, String deliveryId, String body) {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(sink.url()))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      for (Map.Entry<String, String> header : sink.headers().entrySet()) {
        request.header(header.getKey(), header.getValue());
      }
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new TryResult(null, "invalid request: a header or the url is not allowed", null));
    }
    // The id and timestamp go with every request (receivers drop duplicates by the id); the
    // signature only when the sink has a secret.
    long timestamp = clock.now().getEpochSecond();
    request.header("webhook-id", deliveryId);
    request.header("webhook-timestamp", Long.toString(timestamp));
    if (sink.secret() != null) {
      request.header(
          "webhook-signature", Signature.sign(sink.secret(), deliveryId, timestamp, body));
    }
    // A blocking send on the executor's (reused) threads: sendAsync hands each completion to the
    // common pool, which on a machine of 2 cores or fewer starts a new thread per delivery.
    HttpRequest built = request.build();
    return CompletableFuture.supplyAsync(
        () -> {
          HttpResponse<Void> response;
          try {
            response = client.send(built, HttpResponse.BodyHandlers.discarding());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
          } catch (IOException | RuntimeException e) {
            return new TryResult(null, describe(e), null);
          }
          return new TryResult(
              response.statusCode(),
              null,
              retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        },
        executor);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String kind = failure.getClass().getSimpleName();
    if (message == null || message.isBlank() || message.contains("://")) {
      return kind;
    }
    return kind + ": " + message;
  }

  Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.now(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
