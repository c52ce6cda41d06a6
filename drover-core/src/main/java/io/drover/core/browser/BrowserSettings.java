package io.drover.core.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How browser slots run Chromium. {@code enabled} false runs APIs without a browser (their {@code
 * page()} fails). {@code contextsPerBrowser}: a browser is closed and launched anew after this many
 * attempts used it (long-lived browsers grow). {@code stopGrace}: how long a stopped attempt may
 * take to return after its thread was interrupted before its browser is killed. {@code
 * abandonAfter}: how long after that a slot whose API still does not return is given up and
 * replaced.
 */
public record BrowserSettings(
    boolean enabled,
    Path chromium,
    List<String> arguments,
    int contextsPerBrowser,
    boolean video,
    Duration stopGrace,
    Duration abandonAfter) {

  public static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");

  /** Without the background-networking flags Chromium floods a closed network with requests. */
  public static final List<String> DEFAULT_ARGUMENTS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  public static final int DEFAULT_CONTEXTS_PER_BROWSER = 200;
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);
  public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofSeconds(10);

  public BrowserSettings {
    arguments = List.copyOf(arguments);
    require(contextsPerBrowser >= 1, "contextsPerBrowser", contextsPerBrowser, "1 or more");
    require(!stopGrace.isNegative(), "stopGrace", stopGrace, "zero or more");
    require(!abandonAfter.isNegative(), "abandonAfter", abandonAfter, "zero or more");
  }

  public static BrowserSettings defaults() {
    return new BrowserSettings(
        true,
        DEFAULT_CHROMIUM,
        DEFAULT_ARGUMENTS,
        DEFAULT_CONTEXTS_PER_BROWSER,
        true,
        DEFAULT_STOP_GRACE,
        DEFAULT_ABANDON_AFTER);
  }

  /**
   * A slot count for this machine: two per core (a page waits on the network as often as it
   * computes), at most one per 512 MB beyond the first GB of memory (a Chromium with one page takes
   * about 365 MB), between 1 and 16.
   */
  public static int suggestedSlots() {
    int byCores = 2 * Runtime.getRuntime().availableProcessors();
    long memoryMb = physicalMemoryMb();
    int byMemory = memoryMb <= 0 ? byCores : (int) Math.max(1, (memoryMb - 1024) / 512);
    return Math.max(1, Math.min(16, Math.min(byCores, byMemory)));
  }

  private static long physicalMemoryMb() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024 * 1024);
    }
    return -1;
  }

  public BrowserSettings withEnabled(boolean value) {
    return new BrowserSettings(
        value, chromium, arguments, contextsPerBrowser, video, stopGrace, abandonAfter);
  }

  public BrowserSettings withChromium(Path value) {
    return new BrowserSettings(
        enabled, value, arguments, contextsPerBrowser, video, stopGrace, abandonAfter);
  }

  public BrowserSettings withContextsPerBrowser(int value) {
    return new BrowserSettings(enabled, chromium, arguments, value, video, stopGrace, abandonAfter);
  }

  public BrowserSettings withVideo(boolean value) {
    return new BrowserSettings(
        enabled, chromium, arguments, contextsPerBrowser, value, stopGrace, abandonAfter);
  }

  public BrowserSettings withStopTimes(Duration grace, Duration abandon) {
    return new BrowserSettings(
        enabled, chromium, arguments, contextsPerBrowser, video, grace, abandon);
  }

  private static void require(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "browser setting " + field + " = " + value + ": expected " + expected);
    }
  }
}
