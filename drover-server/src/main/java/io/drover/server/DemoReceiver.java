package io.drover.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's webhook receiver on 127.0.0.1: what a team's own service does with Drover's
 * deliveries. It verifies each request's Standard Webhooks signature by itself (as a receiver
 * would, without Drover's code), answers 204 to a valid one and 401 to any other, and drops
 * duplicates by their {@code webhook-id}.
 */
final class DemoReceiver implements AutoCloseable {
  /** Signatures older or newer than this are refused, against replays. */
  static final long TOLERANCE_SECONDS = 300;

  private final String secret;
  private final byte[] key;
  private final HttpServer http;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private DemoReceiver(HttpServer http, String secret) {
    this.http = http;
    this.secret = secret;
    this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
  }

  /** Starts a receiver on a free port of 127.0.0.1 with a new random secret. */
  static DemoReceiver start() throws IOException {
    byte[] key = new byte[24];
    new SecureRandom().nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    DemoReceiver receiver = new DemoReceiver(http, secret);
    http.createContext("/results", receiver::handle);
    http.setExecutor(receiver.threads);
    http.start();
    return receiver;
  }

  /** The sink to give the demo Job: this receiver's URL and its signing secret. */
  String sinkJson() {
    return "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:"
        + http.getAddress().getPort()
        + "/results\",\"secret\":\""
        + secret
        + "\"}";
  }

  /** The signing secret, shared with Drover through the sink only. */
  String secret() {
    return secret;
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/results";
  }

  /** Deliveries received with a valid signature, each counted once. */
  int received() {
    return seen.size();
  }

  int duplicates() {
    return duplicates.get();
  }

  /** Requests refused: no or a wrong signature, or a timestamp out of tolerance. */
  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
      if (!"POST".equals(exchange.getRequestMethod())
          || !verified(id, timestamp, signatures, body)) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      if (!seen.add(id)) {
        duplicates.incrementAndGet();
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  /** Standard Webhooks: any {@code v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>} matches. */
  private boolean verified(String id, String timestamp, String signatures, byte[] body) {
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(Instant.now().getEpochSecond() - sentAt) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      expected = mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
    for (String signature : signatures.split(" ")) {
      if (signature.startsWith("v1,")) {
        try {
          byte[] given = Base64.getDecoder().decode(signature.substring(3));
          if (MessageDigest.isEqual(expected, given)) {
            return true;
          }
        } catch (IllegalArgumentException e) {
          // not base64: not a match
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
