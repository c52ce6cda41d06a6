package io.drover.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast webhook receiver on 127.0.0.1 (a thread pool, answers 204 at once) that keeps, per
 * delivery id, when it first arrived and the Run's {@code endedAt} from its body (both this
 * machine's wall clock, in microseconds).
 */
final class TimedReceiver implements AutoCloseable {
  private static final String ENDED_AT = "\"endedAt\":\"";

  /** First receipt of a delivery and its Run's end, epoch microseconds. */
  record Receipt(long receivedMicros, long endedMicros) {}

  private final HttpServer server;
  private final ExecutorService pool;
  private volatile Map<String, Receipt> receipts = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong lastMicros = new AtomicLong();

  TimedReceiver(int threads) throws IOException {
    AtomicInteger number = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "receiver-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Forgets what was received (between two runs). */
  void reset() {
    receipts = new ConcurrentHashMap<>();
    requests.set(0);
    lastMicros.set(0);
  }

  int distinct() {
    return receipts.size();
  }

  int requests() {
    return requests.get();
  }

  /** When the last first receipt came, epoch microseconds. */
  long lastMicros() {
    return lastMicros.get();
  }

  Map<String, Receipt> receipts() {
    return receipts;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      long now = micros(Instant.now());
      requests.incrementAndGet();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      int at = body.lastIndexOf(ENDED_AT);
      if (id != null && at >= 0) {
        int from = at + ENDED_AT.length();
        Instant ended = Instant.parse(body.substring(from, body.indexOf('"', from)));
        if (receipts.putIfAbsent(id, new Receipt(now, micros(ended))) == null) {
          lastMicros.accumulateAndGet(now, Math::max);
        }
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
