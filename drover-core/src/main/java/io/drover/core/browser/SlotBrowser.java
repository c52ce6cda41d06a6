package io.drover.core.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.drover.core.Clock;
import io.drover.core.engine.AttemptContext;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Playwright driver and Chromium of one slot. Used only from the slot's thread. The driver
 * starts on the first page an attempt asks for; the browser is launched then, reused by the
 * following attempts, closed after {@code contextsPerBrowser} of them, and replaced when it died.
 * With a {@link SharedChromium} the slot launches none: its driver connects to the shared one's
 * server (again when that one was replaced), and a stop ends the slot's driver, not the browser.
 */
final class SlotBrowser implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlotBrowser.class);

  /**
   * Drivers are started one at a time, so each slot can tell which new child process is its own.
   */
  private static final Object DRIVER_START = new Object();

  private static final Map<String, String> DRIVER_ENVIRONMENT =
      Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

  private final int slot;
  private final String marker;
  private final BrowserSettings settings;
  private final Map<String, String> browserEnvironment;
  private final Clock clock;
  private final BrowserEvents events;
  private final SharedChromium shared;
  private SharedChromium.Lease held;
  private int connectedTo;
  private Playwright playwright;
  private volatile ProcessHandle driver;
  private Browser browser;
  private int contexts;
  private int launches;

  SlotBrowser(
      int slot,
      String marker,
      BrowserSettings settings,
      Clock clock,
      BrowserEvents events,
      SharedChromium shared) {
    this.shared = shared;
    this.slot = slot;
    this.marker = marker;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
    // Playwright for Java starts every driver with the environment of the process's first one,
    // so the marker goes to the browser, whose environment each launch sets (all of it).
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put(BrowserProcesses.VARIABLE, marker);
    this.browserEnvironment = Map.copyOf(environment);
  }

  /** The browser for one more context, launched (or relaunched) if needed. */
  Browser acquire(AttemptContext attempt) {
    if (shared != null) {
      return connect(attempt);
    }
    if (browser != null && !browser.isConnected()) {
      attempt.append(
          "WARN",
          "drover",
          "browser slot " + slot + ": its Chromium had died; launching a new one");
      events.crashed(slot);
      discardBrowser();
    }
    if (browser == null) {
      launch(attempt);
    }
    contexts++;
    attempt.append(
        "INFO",
        "drover",
        "browser slot "
            + slot
            + ": Chromium #"
            + launches
            + " of the slot, context "
            + contexts
            + " of "
            + settings.contextsPerBrowser()
            + " before it is recycled");
    return browser;
  }

  /** The shared Chromium's server, through this slot's own driver; again when it was replaced. */
  private Browser connect(AttemptContext attempt) {
    if (browser != null && !browser.isConnected()) {
      discardBrowser();
    }
    SharedChromium.Lease lease = shared.acquire(attempt);
    if (browser != null && connectedTo == lease.generation()) {
      held = lease;
      return browser;
    }
    if (browser != null) {
      discardBrowser();
    }
    try {
      connectTo(lease);
    } catch (RuntimeException first) {
      // Killed a moment ago, before the launcher noticed: launch anew, once.
      shared.release(lease);
      shared.broken(lease);
      lease = shared.acquire(attempt);
      try {
        connectTo(lease);
      } catch (RuntimeException again) {
        shared.release(lease);
        shared.broken(lease);
        discardPlaywright();
        throw again;
      }
    }
    held = lease;
    return browser;
  }

  private void connectTo(SharedChromium.Lease lease) {
    if (playwright == null) {
      startDriver();
    }
    browser = playwright.chromium().connect(lease.endpoint());
    connectedTo = lease.generation();
  }

  private void launch(AttemptContext attempt) {
    if (!Files.isExecutable(settings.chromium())) {
      throw new IllegalStateException(
          "browser slot "
              + slot
              + ": Chromium not found at "
              + settings.chromium()
              + " (setting chromium); install it (Debian: apt-get install -y chromium, as root)"
              + " or set --chromium to a Chromium or Chrome executable");
    }
    Instant start = clock.now();
    try {
      if (playwright == null) {
        startDriver();
      }
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(settings.chromium())
                      .setArgs(settings.arguments())
                      .setEnv(browserEnvironment)
                      .setHeadless(true));
    } catch (RuntimeException e) {
      // A driver that failed once is not trusted again: the next attempt starts a new one.
      discardPlaywright();
      throw e;
    }
    launches++;
    contexts = 0;
    events.launched(slot);
    // Starting the slot's browser is not the API's time: a slow cold start on a busy machine must
    // not use up the requestTimeout of an attempt that has not begun its work.
    attempt.extendTimeout();
    attempt.append(
        "INFO",
        "drover",
        "browser slot "
            + slot
            + ": launched Chromium in "
            + Duration.between(start, clock.now()).toMillis()
            + " ms (not counted against the attempt's requestTimeout)");
  }

  private void startDriver() {
    synchronized (DRIVER_START) {
      Set<Long> before = childPids();
      playwright = Playwright.create(new Playwright.CreateOptions().setEnv(DRIVER_ENVIRONMENT));
      driver =
          ProcessHandle.current()
              .children()
              .filter(child -> !before.contains(child.pid()))
              .findFirst()
              .orElse(null);
    }
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /** The slot's Playwright driver process, if one runs. Read from other threads. */
  Optional<ProcessHandle> driver() {
    return Optional.ofNullable(driver).filter(ProcessHandle::isAlive);
  }

  /** Whether the browser is a shared one, reached through its server. */
  boolean remote() {
    return shared != null;
  }

  boolean connected() {
    return browser != null && browser.isConnected();
  }

  /** Whether the browser an attempt acquired is gone (checked before afterAttempt replaces it). */
  boolean died() {
    return browser != null && !browser.isConnected();
  }

  /** After each attempt: replaces a dead browser, recycles a worn one. */
  void afterAttempt() {
    if (shared != null) {
      boolean driverEnded = driver().isEmpty() && playwright != null;
      boolean disconnected = browser != null && !browser.isConnected();
      if (held != null) {
        if (disconnected && !driverEnded) {
          shared.broken(held); // the shared Chromium itself went away
        }
        shared.release(held);
        held = null;
      }
      if (driverEnded) {
        discardPlaywright(); // ended by a stop: the next attempt starts a new driver
      } else if (disconnected) {
        discardBrowser();
      }
      return;
    }
    if (browser == null) {
      return;
    }
    if (!browser.isConnected()) {
      discardBrowser();
    } else if (contexts >= settings.contextsPerBrowser()) {
      LOG.debug("browser slot {}: recycling Chromium after {} contexts", slot, contexts);
      events.recycled(slot);
      discardBrowser();
    }
  }

  private void discardBrowser() {
    Browser old = browser;
    browser = null;
    contexts = 0;
    try {
      old.close(); // a shared Chromium is only disconnected from
    } catch (RuntimeException e) {
      LOG.debug("browser slot {}: closing its Chromium failed", slot, e);
    }
    if (shared == null) {
      // One that did not go away in an orderly way is killed, so none outlives its slot.
      BrowserProcesses.killBrowser(marker);
    }
  }

  /**
   * Makes a stuck attempt's Playwright call return, from another thread: kills the slot's Chromium,
   * or with a shared one the slot's driver (Chromium then disposes of the contexts it made); says
   * what it did.
   */
  String killForStop() {
    if (shared == null) {
      return "killed the Chromium of browser slot "
          + slot
          + " ("
          + BrowserProcesses.killBrowser(marker)
          + " processes)";
    }
    int killed =
        BrowserProcesses.killAll(m -> false, driver().stream().toList(), Duration.ofSeconds(5));
    return "ended the Playwright driver of browser slot "
        + slot
        + " ("
        + killed
        + " processes; the shared Chromium serves the other slots on)";
  }

  private void discardPlaywright() {
    if (held != null) {
      shared.release(held);
      held = null;
    }
    if (browser != null) {
      discardBrowser();
    }
    if (playwright != null) {
      try {
        playwright.close();
      } catch (RuntimeException e) {
        LOG.debug("browser slot {}: closing its Playwright driver failed", slot, e);
      }
      playwright = null;
    }
    BrowserProcesses.killAll(marker::equals, driver().stream().toList(), Duration.ofSeconds(5));
    driver = null;
  }

  @Override
  public void close() {
    discardPlaywright();
  }
}
