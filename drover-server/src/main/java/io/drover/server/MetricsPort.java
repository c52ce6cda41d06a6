package io.drover.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * {@code /metrics} alone, without a key, on a port of 127.0.0.1 ({@code metrics-port}): for a
 * scraper on the same machine when the main port asks for keys.
 */
final class MetricsPort implements AutoCloseable {
  private final HttpServer server;

  MetricsPort(Metrics metrics, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for metrics", e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")
                || !exchange.getRequestURI().getPath().equals("/metrics")) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            exchange.getResponseHeaders().set("Content-Type", Metrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
              metrics.write(out);
            }
          }
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
