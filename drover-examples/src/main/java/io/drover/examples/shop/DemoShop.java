package io.drover.examples.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo shop, served in-process on 127.0.0.1 and a free port, started on first use. The demo
 * APIs ask it for its own URL, so a demo Job works on a server started on any port.
 */
public final class DemoShop implements AutoCloseable {
  public static final String USER = "demo";
  public static final String PASSWORD = "demo";
  private static final int MAX_SLOW_MS = 3_600_000;
  private static DemoShop shared;

  private final Catalogue catalogue = Catalogue.get();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger slowInProgress = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "demo-shop");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpServer server;

  private DemoShop() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo shop cannot listen on 127.0.0.1", e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The shop of this process, started on first call. */
  public static synchronized DemoShop shared() {
    if (shared == null) {
      shared = new DemoShop();
    }
    return shared;
  }

  /** A shop of its own (tests, benchmarks); close it when done. */
  public static DemoShop start() {
    return new DemoShop();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String url(String path) {
    return baseUrl() + (path.startsWith("/") ? path : "/" + path);
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** How many /slow pages are being sent right now (a browser is waiting on each). */
  public int slowPagesInProgress() {
    return slowInProgress.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
      if (path.equals("/")) {
        html(exchange, 200, ShopPages.home(catalogue));
      } else if (path.startsWith("/category/")
          && catalogue.categories().contains(path.substring(10))) {
        category(exchange, path.substring(10), query.getOrDefault("page", "1"));
      } else if (path.startsWith("/product/") && catalogue.bySku(path.substring(9)).isPresent()) {
        html(exchange, 200, ShopPages.product(catalogue.bySku(path.substring(9)).get()));
      } else if (path.equals("/login")) {
        login(exchange);
      } else if (path.equals("/logout")) {
        sessionOf(exchange).ifPresent(sessions::remove);
        redirect(exchange, "/", "session=; Path=/; Max-Age=0");
      } else if (path.equals("/account")) {
        account(exchange);
      } else if (path.equals("/favicon.ico")) {
        exchange.sendResponseHeaders(204, -1); // no icon, and no 404 in every page's console
      } else if (path.equals("/slow")) {
        slow(exchange, query.getOrDefault("ms", "1000"));
      } else {
        html(exchange, 404, ShopPages.notFound(path));
      }
    }
  }

  private void category(HttpExchange exchange, String category, String pageText)
      throws IOException {
    int page;
    try {
      page = Integer.parseInt(pageText);
    } catch (NumberFormatException e) {
      page = 0;
    }
    if (page < 1 || page > catalogue.pages(category)) {
      html(exchange, 404, ShopPages.notFound(category + " page " + pageText));
    } else {
      html(exchange, 200, ShopPages.category(catalogue, category, page));
    }
  }

  private void login(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      html(exchange, 200, ShopPages.login(null));
      return;
    }
    Map<String, String> fields =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (USER.equals(fields.get("user")) && PASSWORD.equals(fields.get("password"))) {
      String session = UUID.randomUUID().toString();
      sessions.add(session);
      redirect(exchange, "/account", "session=" + session + "; Path=/; HttpOnly");
    } else {
      html(exchange, 401, ShopPages.login("Wrong user or password"));
    }
  }

  private void account(HttpExchange exchange) throws IOException {
    if (sessionOf(exchange).filter(sessions::contains).isEmpty()) {
      redirect(exchange, "/login", null);
    } else {
      html(exchange, 200, ShopPages.account(USER));
    }
  }

  /**
   * Answers at once but finishes only after ms milliseconds: a page that takes that long to load.
   */
  private void slow(HttpExchange exchange, String msText) throws IOException {
    long ms;
    try {
      ms = Math.min(MAX_SLOW_MS, Math.max(0, Long.parseLong(msText)));
    } catch (NumberFormatException e) {
      html(
          exchange, 400, ShopPages.notFound("/slow?ms=" + msText + " (ms must be a whole number)"));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(
        ("<!doctype html><title>Slow page (" + ms + " ms)</title><p>Loading")
            .getBytes(StandardCharsets.UTF_8));
    // A space every half second: the page keeps loading, and a browser that went away ends it.
    slowInProgress.incrementAndGet();
    try {
      for (long left = ms; left > 0; left -= 500) {
        out.flush();
        Thread.sleep(Math.min(500, left));
        out.write(' ');
      }
      out.write("<p class=\"done\">done</p>".getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      slowInProgress.decrementAndGet();
    }
    out.close();
  }

  private static Optional<String> sessionOf(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String cookie : header.split(";")) {
        String[] pair = cookie.trim().split("=", 2);
        if (pair.length == 2 && pair[0].equals("session") && !pair[1].isEmpty()) {
          return Optional.of(pair[1]);
        }
      }
    }
    return Optional.empty();
  }

  private static void redirect(HttpExchange exchange, String location, String cookie)
      throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    if (cookie != null) {
      exchange.getResponseHeaders().add("Set-Cookie", cookie);
    }
    exchange.sendResponseHeaders(303, -1);
  }

  private static void html(HttpExchange exchange, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> fields = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return fields;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
