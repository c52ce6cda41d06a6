package io.drover.examples.shop;

import static io.drover.examples.shop.Exchanges.form;
import static io.drover.examples.shop.Exchanges.html;
import static io.drover.examples.shop.Exchanges.redirect;
import static io.drover.examples.shop.Exchanges.send;
import static io.drover.examples.shop.Exchanges.sessionOf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The demo shop, served in-process on 127.0.0.1 and a free port, started on first use. The demo
 * APIs ask it for its own URL, so a demo Job works on a server started on any port.
 *
 * <p>Signing in ({@link #USER} / {@link #PASSWORD}) starts a server-side session that expires after
 * a time to live: for the shared shop the system property {@value #SESSION_TTL_PROPERTY} (ISO-8601
 * such as {@code PT30M}, or whole seconds), {@link #DEFAULT_SESSION_TTL} without it. For tests,
 * {@code POST /admin/revoke-sessions} ends every session and {@code GET /admin/stats} answers the
 * login counts.
 */
public final class DemoShop implements AutoCloseable {
  public static final String USER = "demo";
  public static final String PASSWORD = "demo";
  public static final String SESSION_TTL_PROPERTY = "drover.demo.session-ttl";
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofMinutes(30);
  private static final int MAX_SLOW_MS = 3_600_000;
  private static DemoShop shared;

  private final Catalogue catalogue = Catalogue.get();
  private final Sessions sessions;
  private final AtomicInteger logins = new AtomicInteger();
  private final Map<String, String> users =
      new java.util.concurrent.ConcurrentHashMap<>(Map.of(USER, PASSWORD));
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final AtomicInteger slowInProgress = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "demo-shop");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpServer server;

  private DemoShop(Duration sessionTtl) {
    if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException(
          "sessionTtl = " + sessionTtl + ": expected a positive duration such as PT30M");
    }
    sessions = new Sessions(sessionTtl, System::nanoTime);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo shop cannot listen on 127.0.0.1", e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * The shop of this process, started on first call with the session time to live of {@value
   * #SESSION_TTL_PROPERTY}.
   *
   * @throws IllegalArgumentException when that property is not a positive duration
   */
  public static synchronized DemoShop shared() {
    if (shared == null) {
      shared = new DemoShop(sessionTtl(System.getProperty(SESSION_TTL_PROPERTY)));
    }
    return shared;
  }

  /** A shop of its own (tests, benchmarks), sessions valid {@link #DEFAULT_SESSION_TTL}. */
  public static DemoShop start() {
    return new DemoShop(DEFAULT_SESSION_TTL);
  }

  /** A shop of its own whose sessions expire {@code sessionTtl} after their login. */
  public static DemoShop start(Duration sessionTtl) {
    return new DemoShop(sessionTtl);
  }

  /** The time to live a {@value #SESSION_TTL_PROPERTY} value means; the default when unset. */
  static Duration sessionTtl(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_SESSION_TTL;
    }
    String text = value.trim();
    Duration ttl = null;
    try {
      ttl = text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      // reported below, with the value
    }
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(
          SESSION_TTL_PROPERTY
              + " = \""
              + value
              + "\": expected a positive duration, ISO-8601 such as PT30M or whole seconds such"
              + " as 1800");
    }
    return ttl;
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

  /** Another account besides demo / demo (tests use their own, so their secrets stand out). */
  public void addUser(String user, String password) {
    users.put(user, password);
  }

  /** Successful logins since the shop started. */
  public int logins() {
    return logins.get();
  }

  /** Refused logins (wrong user or password) since the shop started. */
  public int failedLogins() {
    return failedLogins.get();
  }

  /** Ends every live session, as {@code POST /admin/revoke-sessions} does; returns how many. */
  public int revokeSessions() {
    return sessions.revokeAll();
  }

  /** The ids (cookie values) of the sessions alive now: a copy, for tests. */
  public Set<String> activeSessionIds() {
    return sessions.activeIds();
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
      } else if (path.equals("/admin/revoke-sessions")) {
        admin(exchange, "POST", () -> "{\"revoked\": " + revokeSessions() + "}");
      } else if (path.equals("/admin/stats")) {
        admin(exchange, "GET", this::stats);
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
    Optional<String> session = logIn(fields.get("user"), fields.get("password"));
    if (session.isPresent()) {
      redirect(exchange, "/account", "session=" + session.get() + "; Path=/; HttpOnly");
    } else {
      html(exchange, 401, ShopPages.login("Wrong user or password"));
    }
  }

  /**
   * What the login form does: a new session (its id is the {@code session} cookie's value) when the
   * password is right, counted as a login; otherwise a failed login. Tests and benchmarks use it
   * for a session recorded by hand.
   */
  public Optional<String> logIn(String user, String password) {
    if (user != null && password != null && password.equals(users.get(user))) {
      logins.incrementAndGet();
      return Optional.of(sessions.create(user));
    }
    failedLogins.incrementAndGet();
    return Optional.empty();
  }

  private void account(HttpExchange exchange) throws IOException {
    Optional<String> user = sessionOf(exchange).flatMap(sessions::user);
    if (user.isEmpty()) {
      redirect(exchange, "/login", null);
    } else {
      html(exchange, 200, ShopPages.account(user.get()));
    }
  }

  private String stats() {
    return "{\"logins\": "
        + logins()
        + ", \"failedLogins\": "
        + failedLogins()
        + ", \"sessions\": "
        + activeSessionIds().size()
        + "}";
  }

  private static void admin(HttpExchange exchange, String method, Supplier<String> answer)
      throws IOException {
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().add("Allow", method);
      send(exchange, 405, "application/json", "{\"error\": \"expected " + method + "\"}");
    } else {
      send(exchange, 200, "application/json", answer.get());
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

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
