package io.drover.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A headless Chromium looking at the dashboard, the way a user's browser does, that keeps every
 * console error and uncaught error of the page (and its frames) for the test to check.
 */
final class DashboardBrowser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target/dashboard-screenshots");
  private static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  private final Playwright playwright;
  private final Browser browser;
  final Page page;
  private final List<String> errors = new ArrayList<>();

  DashboardBrowser(ServerSettings settings, int width, int height) {
    playwright = Playwright.create();
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(settings.browser().chromium())
                    .setHeadless(true)
                    .setArgs(ARGS));
    // The clipboard lets the test paste a document into the editor the way a user would.
    page =
        browser
            .newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(width, height)
                    .setPermissions(List.of("clipboard-read", "clipboard-write")))
            .newPage();
    page.setDefaultTimeout(60_000);
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error")) {
            errors.add(m.text() + " @ " + m.location());
          }
        });
    page.onPageError(e -> errors.add("uncaught: " + e));
  }

  /** Signs the dashboard in with this API key, as a user who typed it into its prompt. */
  DashboardBrowser signedInWith(String key) {
    if (key != null) {
      page.context()
          .addInitScript(
              // (frames such as the trace viewer's data: documents have no sessionStorage)
              "if (location.protocol.startsWith('http')) sessionStorage.setItem('drover.apiKey', "
                  + TestServer.JSON.valueToTree(key)
                  + ")");
    }
    return this;
  }

  /**
   * The console errors, less the ones Chromium itself logs for an HTTP error answer the dashboard
   * asked for and shows (a 400 from validating a draft, a 404 from a missing endpoint).
   */
  List<String> consoleErrors(Predicate<String> expectedHttpError) {
    System.out.println("console errors seen: " + errors.size());
    errors.forEach(e -> System.out.println("  " + e));
    return errors.stream()
        .filter(
            e ->
                !(e.startsWith("Failed to load resource: the server responded with a status of")
                    && expectedHttpError.test(e)))
        .toList();
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  /** Milliseconds from the start of the page's load to the mark the dashboard set. */
  double markedAt(String mark) {
    page.waitForFunction("m => performance.getEntriesByName(m).length > 0", mark);
    return ((Number) page.evaluate("m => performance.getEntriesByName(m)[0].startTime", mark))
        .doubleValue();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
