package io.drover.core.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.drover.core.Clock;
import io.drover.core.engine.AttemptContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chromium that several slots open their contexts in, each slot through its own Playwright
 * driver connected over CDP (a Playwright object is used from one thread only; the browser need not
 * be). It is launched by a Playwright of its own, so its flags are those of any Playwright launch
 * plus a DevTools port on 127.0.0.1; relaunched when it died; and after {@code contextsPerBrowser}
 * contexts per slot it is replaced for the attempts that follow, the old one closed once no slot
 * uses it. Used from every slot thread of its group, so every method is synchronized (which is how
 * the launcher's Playwright may be shared).
 */
final class SharedChromium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedChromium.class);
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
  private final Map<Integer, Browser> owners = new HashMap<>();
  private final Map<Integer, Integer> users = new HashMap<>();
  private Playwright launcher;
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
    Browser current = endpoint == null ? null : owners.get(generation);
    if (current != null && !current.isConnected()) {
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
   * connect) before the launcher's own connection noticed: the next acquire launches anew.
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
    int port = freePort();
    List<String> arguments = new ArrayList<>(settings.arguments());
    arguments.add("--remote-debugging-address=127.0.0.1");
    arguments.add("--remote-debugging-port=" + port);
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put(BrowserProcesses.VARIABLE, marker(next));
    try {
      if (launcher == null) {
        launcher = Playwright.create(new Playwright.CreateOptions().setEnv(DRIVER_ENVIRONMENT));
      }
      Browser owner =
          launcher
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(settings.chromium())
                      .setArgs(arguments)
                      .setEnv(environment)
                      .setHeadless(true));
      generation = next;
      owners.put(generation, owner);
      endpoint = "http://127.0.0.1:" + port;
      contexts = 0;
    } catch (RuntimeException e) {
      closeLauncher();
      throw e;
    }
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

  /** Stops handing out {@code old}; it is closed now if no slot uses it, else by the last one. */
  private void retire(int old) {
    if (!users.containsKey(old)) {
      close(old);
    }
    endpoint = null;
  }

  private void close(int old) {
    Browser owner = owners.remove(old);
    if (owner != null) {
      try {
        owner.close();
      } catch (RuntimeException e) {
        LOG.debug("shared browser {}: closing Chromium #{} failed", number, old, e);
      }
    }
    BrowserProcesses.killBrowser(marker(old));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1 for a shared Chromium", e);
    }
  }

  private void closeLauncher() {
    for (Integer old : List.copyOf(owners.keySet())) {
      close(old);
    }
    if (launcher != null) {
      try {
        launcher.close();
      } catch (RuntimeException e) {
        LOG.debug("shared browser {}: closing its Playwright failed", number, e);
      }
      launcher = null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeLauncher();
  }
}
