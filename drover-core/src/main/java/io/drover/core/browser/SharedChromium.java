package io.drover.core.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.impl.driver.Driver;
import io.drover.core.Clock;
import io.drover.core.engine.AttemptContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chromium that several slots open their contexts in, each slot through its own Playwright
 * driver (a Playwright object is used from one thread only; the browser need not be). The Chromium
 * runs under a Playwright browser server ({@code launch-server} of the driver bundled with
 * Playwright for Java) on 127.0.0.1, to which each slot connects with the Playwright protocol: a
 * slot sees only its own contexts, and when its connection ends the server closes them. It is
 * relaunched when it died, and after {@code contextsPerBrowser} contexts per slot replaced for the
 * attempts that follow, the old one ended once no slot uses it. Used from every slot thread of its
 * group, so every method is synchronized.
 */
final class SharedChromium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedChromium.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> DRIVER_ENVIRONMENT =
      Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

  /** Which Chromium a slot's attempt uses: its generation, and where to connect. */
  record Lease(int generation, String endpoint) {}

  private final int number;
  private final String markerPrefix;
  private final BrowserSettings settings;
  private final int slots;
  private final Clock clock;
  private final BrowserEvents events;
  private final Map<Integer, Process> servers = new HashMap<>();
  private final Map<Integer, Integer> users = new HashMap<>();
  private int generation;
  private String endpoint;
  private int contexts;
  private boolean closed;

  SharedChromium(
      int number,
      String markerPrefix,
      BrowserSettings settings,
      int slots,
      Clock clock,
      BrowserEvents events) {
    this.number = number;
    this.markerPrefix = markerPrefix;
    this.settings = settings;
    this.slots = slots;
    this.clock = clock;
    this.events = events;
  }

  /** The marker of this group's Chromium of {@code generation} (see {@link BrowserProcesses}). */
  String marker(int generation) {
    return markerPrefix + "-c" + generation;
  }

  /** The Chromium for one more context of an attempt, launched or replaced first if need be. */
  synchronized Lease acquire(AttemptContext attempt) {
    if (closed) {
      throw new IllegalStateException("browser " + number + " is closed (the server is stopping)");
    }
    Process current = endpoint == null ? null : servers.get(generation);
    if (current != null && !current.isAlive()) {
      attempt.append(
          "WARN", "drover", "shared browser " + number + ": its Chromium had died; launching anew");
      events.crashed(number);
      retire(generation);
      current = null;
    } else if (current != null && contexts >= settings.contextsPerBrowser() * slots) {
      LOG.debug("shared browser {}: replacing Chromium after {} contexts", number, contexts);
      events.recycled(number);
      retire(generation);
      current = null;
    }
    if (current == null) {
      launch(attempt);
    }
    contexts++;
    users.merge(generation, 1, Integer::sum);
    return new Lease(generation, endpoint);
  }

  /**
   * A slot found the Chromium of {@code lease} gone (its connection dropped, or it could not
   * connect) before its server's end was seen: the next acquire launches anew.
   */
  synchronized void broken(Lease lease) {
    if (lease.generation() == generation && endpoint != null) {
      LOG.debug("shared browser {}: Chromium #{} is gone", number, generation);
      events.crashed(number);
      retire(generation);
    }
  }

  /** The attempt that acquired {@code lease} is done with it. */
  synchronized void release(Lease lease) {
    users.computeIfPresent(lease.generation(), (g, n) -> n > 1 ? n - 1 : null);
    if (lease.generation() != generation && !users.containsKey(lease.generation())) {
      close(lease.generation());
    }
  }

  private void launch(AttemptContext attempt) {
    if (!Files.isExecutable(settings.chromium())) {
      throw new IllegalStateException(
          "shared browser "
              + number
              + ": Chromium not found at "
              + settings.chromium()
              + " (setting chromium); install it (Debian: apt-get install -y chromium, as root)"
              + " or set --chromium to a Chromium or Chrome executable");
    }
    Instant start = clock.now();
    int next = generation + 1;
    Process server;
    String address;
    try {
      Path config = Files.createTempFile("drover-browser-server", ".json");
      try {
        Files.writeString(config, serverConfig(marker(next)));
        ProcessBuilder command =
            Driver.ensureDriverInstalled(DRIVER_ENVIRONMENT, false).createProcessBuilder();
        command
            .command()
            .addAll(
                List.of("launch-server", "--browser", "chromium", "--config", config.toString()));
        command.environment().putAll(DRIVER_ENVIRONMENT);
        command.redirectErrorStream(true);
        server = command.start();
        address = firstLine(server);
      } finally {
        Files.deleteIfExists(config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("shared browser " + number + ": cannot start its server", e);
    }
    if (address == null || !address.startsWith("ws://")) {
      server.destroyForcibly();
      throw new IllegalStateException(
          "shared browser " + number + ": its Playwright browser server said: " + address);
    }
    drain(server);
    generation = next;
    servers.put(generation, server);
    endpoint = address.trim();
    contexts = 0;
    events.launched(number);
    attempt.extendTimeout();
    attempt.append(
        "INFO",
        "drover",
        "shared browser "
            + number
            + ": launched Chromium #"
            + generation
            + " for "
            + slots
            + " slots in "
            + Duration.between(start, clock.now()).toMillis()
            + " ms (not counted against the attempt's requestTimeout)");
  }

  /** What the server launches: the settings' Chromium and flags, marked for the sweep. */
  private String serverConfig(String marker) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("executablePath", settings.chromium().toString());
    config.put("headless", true);
    config.put("args", settings.arguments());
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put(BrowserProcesses.VARIABLE, marker);
    config.put("env", environment);
    return JSON.writeValueAsString(config);
  }

  private static String firstLine(Process server) throws IOException {
    return new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
  }

  /** The server's later output is read and dropped, so a full pipe never blocks it. */
  private void drain(Process server) {
    Thread drain =
        new Thread(
            () -> {
              try (InputStream in = server.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
              } catch (IOException e) {
                // the server ended
              }
            },
            "drover-browser-server-" + number);
    drain.setDaemon(true);
    drain.start();
  }

  /** Stops handing out {@code old}; it is ended now if no slot uses it, else by the last one. */
  private void retire(int old) {
    if (!users.containsKey(old)) {
      close(old);
    }
    endpoint = null;
  }

  private void close(int old) {
    Process server = servers.remove(old);
    List<ProcessHandle> handles = server == null ? List.of() : List.of(server.toHandle());
    BrowserProcesses.killAll(marker(old)::equals, handles, Duration.ofSeconds(5));
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Integer old : List.copyOf(servers.keySet())) {
      close(old);
    }
  }
}
