package io.drover.core.engine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real HTTP receiver on 127.0.0.1 that records every request and answers as told. */
final class WebhookReceiver implements AutoCloseable {
  /** The answer to the n-th request (1-based): a status and an optional Retry-After. */
  record Answer(int status, String retryAfter) {
    static Answer ok() {
      return new Answer(204, null);
    }
  }

  record Received(String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final HttpServer server;
  volatile IntFunction<Answer> answers = n -> Answer.ok();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(
                new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Answer answer = answers.apply(count.incrementAndGet());
            if (answer.retryAfter() != null) {
              exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
