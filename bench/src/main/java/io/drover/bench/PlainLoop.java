package io.drover.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Tracing;
import io.drover.core.browser.BrowserSettings;
import io.drover.sdk.Api;
import io.drover.sdk.Execution;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.RunContext;
import io.drover.sdk.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The floor Drover is measured against: N threads, each with its own Playwright and its own
 * Chromium (or, in the "one browser" layout, a connection to one shared Chromium), taking the
 * scrape's pages from one queue, each page in a fresh context, running the very same API code
 * ({@code list}, {@code details}) on it. With {@code features}, each page also records a trace and
 * a video, as Drover does by default.
 */
final class PlainLoop {
  /** One page to scrape: which API reads it, with which parameters. */
  record Visit(Api<Object> api, Object parameters) {}

  private PlainLoop() {}

  /**
   * Wall-clock seconds from when every browser is up to the last page, and the seconds spent inside
   * pages (each from its new context to its closed context), summed over all pages; CPU seconds by
   * kind of process ({@link ProcessCpu}).
   */
  record Measure(double seconds, double pageSeconds, Map<String, Double> cpuSeconds) {
    Measure withCpu(Map<String, Double> cpu) {
      return new Measure(seconds, pageSeconds, cpu);
    }
  }

  /**
   * Runs every visit; measures from when every browser is up to when the last page is done, and the
   * CPU from before the browsers launch to after they closed. With {@code oneBrowser}, every
   * thread's Playwright connects to one shared Chromium instead of launching its own.
   */
  static Measure run(
      List<Visit> visits, int threads, boolean features, boolean oneBrowser, Path workDir)
      throws Exception {
    ProcessCpu cpu = new ProcessCpu();
    cpu.start();
    SharedChromium shared =
        oneBrowser
            ? SharedChromium.launch(
                BrowserSettings.DEFAULT_CHROMIUM,
                BrowserSettings.DEFAULT_ARGUMENTS,
                System.getenv(),
                workDir)
            : null;
    Measure measure;
    try {
      measure = run(visits, threads, features, shared, workDir);
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
    return measure.withCpu(cpu.stopAndSeconds());
  }

  private static Measure run(
      List<Visit> visits, int threads, boolean features, SharedChromium shared, Path workDir)
      throws Exception {
    Queue<Visit> queue = new ConcurrentLinkedQueue<>(visits);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    LongAdder inPages = new LongAdder();
    for (int i = 0; i < threads; i++) {
      int number = i;
      Thread worker =
          new Thread(
              () -> {
                boolean up = false;
                try (Playwright playwright = Playwright.create()) {
                  Browser browser =
                      shared != null
                          ? playwright.chromium().connect(shared.endpoint())
                          : playwright
                              .chromium()
                              .launch(
                                  new BrowserType.LaunchOptions()
                                      .setExecutablePath(BrowserSettings.DEFAULT_CHROMIUM)
                                      .setArgs(BrowserSettings.DEFAULT_ARGUMENTS));
                  up = true;
                  ready.countDown();
                  go.await();
                  try {
                    for (Visit visit = queue.poll(); visit != null; visit = queue.poll()) {
                      long pageStart = System.nanoTime();
                      scrape(browser, visit, features, workDir.resolve("t" + number));
                      inPages.add(System.nanoTime() - pageStart);
                    }
                  } finally {
                    // The browser stays up until the clock has stopped, as Drover's does.
                    finished.countDown();
                    release.await();
                  }
                } catch (Throwable e) {
                  errors.add(e);
                  if (!up) {
                    ready.countDown();
                    finished.countDown();
                  }
                }
              },
              "plain-" + i);
      workers.add(worker);
      worker.start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    finished.await();
    Measure measure = new Measure((System.nanoTime() - start) / 1e9, inPages.sum() / 1e9, Map.of());
    release.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("the plain loop failed", errors.get(0));
    }
    return measure;
  }

  private static void scrape(Browser browser, Visit visit, boolean features, Path dir)
      throws Exception {
    Browser.NewContextOptions options = new Browser.NewContextOptions();
    if (features) {
      options.setRecordVideoDir(dir);
    }
    BrowserContext context = browser.newContext(options);
    if (features) {
      context.tracing().start(new Tracing.StartOptions().setScreenshots(true).setSnapshots(true));
    }
    Page page = context.newPage();
    try {
      visit.api().run(visit.parameters(), new PageOnly(page));
    } finally {
      if (features) {
        Files.createDirectories(dir);
        context.tracing().stop(new Tracing.StopOptions().setPath(dir.resolve("trace.zip")));
      }
      context.close();
    }
  }

  /** A run context that only has a page: standalone, so list reads and does not extend. */
  private record PageOnly(Page page) implements RunContext {
    @Override
    public void extendPayload(PayloadItem... items) {}

    @Override
    public void extendTimeout() {}

    @Override
    public RunLog log() {
      return (level, message) -> {};
    }

    @Override
    public Execution execution() {
      return new Execution("demo", null, null, "plain", "plain", 1, null);
    }
  }
}
