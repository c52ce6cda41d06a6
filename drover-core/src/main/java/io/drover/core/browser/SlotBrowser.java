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
  private Playwright playwright;
  private volatile ProcessHandle driver;
  private Browser browser;
  private int contexts;
  private int launches;

  SlotBrowser(
      int slot, String marker, BrowserSettings settings, Clock clock, BrowserEvents events) {
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

  boolean connected() {
    return browser != null && browser.isConnected();
  }

  /** Whether the browser an attempt acquired is gone (checked before afterAttempt replaces it). */
  boolean died() {
    return browser != null && !browser.isConnected();
  }

  /** After each attempt: replaces a dead browser, recycles a worn one. */
  void afterAttempt() {
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
      old.close();
    } catch (RuntimeException e) {
      LOG.debug("browser slot {}: closing its Chromium failed", slot, e);
    }
    // One that did not go away in an orderly way is killed, so none outlives its slot.
    BrowserProcesses.killBrowser(marker);
  }

  private void discardPlaywright() {
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
