package io.drover.core.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A page that logs to its console, and one that never finishes loading. */
final class TestSite implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "test-site");
            thread.setDaemon(true);
            return thread;
          });

  /** Counted down each time a request for /hang arrives. */
  volatile CountDownLatch hangRequested = new CountDownLatch(1);

  TestSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange ->
            html(
                exchange,
                "<title>Hello</title><h1>hello</h1><script>console.log('hello from the page');"
                    + " console.error('an error from the page'); setTimeout(() => { throw new Error('boom'); }, 0);</script>"));
    server.createContext("/hang", this::hang);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void hang(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    hangRequested.countDown();
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("<title>Never done</title><p>loading".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 600; i++) {
        out.flush();
        Thread.sleep(500);
        out.write(' ');
      }
    } catch (IOException | InterruptedException e) {
      // the browser went away
    }
  }

  private static void html(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
