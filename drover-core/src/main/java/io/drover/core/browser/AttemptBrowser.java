package io.drover.core.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Tracing;
import io.drover.core.artifact.ArtifactKind;
import io.drover.core.artifact.ArtifactStore;
import io.drover.core.auth.Scrubber;
import io.drover.core.engine.AttemptContext;
import io.drover.core.engine.SessionUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The browser side of one attempt, on its slot's thread: a fresh BrowserContext and Page made on
 * the API's first call to page() (with tracing, video and console capture), then, when the API has
 * returned, the trace, video and failure screenshot saved as artifacts and the context closed.
 */
final class AttemptBrowser {
  private static final double SCREENSHOT_TIMEOUT_MS = 5_000;

  private final SlotTask task;
  private final SlotBrowser browser;
  private final ArtifactStore artifacts;
  private final boolean video;
  private final Path workDir;
  private BrowserContext context;
  private Page page;
  private boolean tracing;
  private Scrubber scrubber = Scrubber.NONE;

  AttemptBrowser(
      SlotTask task, SlotBrowser browser, ArtifactStore artifacts, boolean video, Path workDir) {
    this.task = task;
    this.browser = browser;
    this.artifacts = artifacts;
    this.video = video;
    this.workDir = workDir;
  }

  Page page() {
    if (task.stopRequested()) {
      throw new IllegalStateException(
          task.describe() + " was stopped (timed out or canceled); it gets no page");
    }
    if (page != null) {
      return page;
    }
    task.settingUp(true);
    try {
      open();
    } finally {
      task.settingUp(false);
    }
    if (task.stopRequested()) {
      throw new IllegalStateException(
          task.describe() + " was stopped while its page was being opened");
    }
    return page;
  }

  private void open() {
    AttemptContext attempt = task.context;
    Browser chromium = browser.acquire(attempt);
    SessionUse session = attempt.options().session();
    if (session == null) {
      openContext(chromium, null);
      return;
    }
    try {
      SessionPages.open(
          chromium,
          attempt,
          session,
          new SessionPages.Contexts() {
            @Override
            public Page open(String storageState) {
              return openContext(chromium, storageState);
            }

            @Override
            public void discard() {
              discardContext();
            }
          },
          found -> scrubber = found,
          () -> {
            if (task.stopRequested()) {
              throw new IllegalStateException(
                  task.describe() + " was stopped while waiting for its AuthSession's login");
            }
            attempt.extendTimeout();
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          task.describe() + " was stopped while its AuthSession was being logged in", e);
    }
  }

  private Page openContext(Browser chromium, String storageState) {
    AttemptContext attempt = task.context;
    boolean secret = attempt.options().secret();
    Browser.NewContextOptions options = new Browser.NewContextOptions();
    if (video && !secret) {
      options.setRecordVideoDir(workDir);
    }
    if (storageState != null) {
      options.setStorageState(storageState);
    }
    context = chromium.newContext(options);
    if (attempt.options().trace().records() && !secret) {
      context
          .tracing()
          .start(
              new Tracing.StartOptions()
                  .setScreenshots(true)
                  .setSnapshots(true)
                  .setTitle(task.describe()));
      tracing = true;
    }
    page = context.newPage();
    if (!secret) {
      page.onConsoleMessage(message -> attempt.append(level(message), "console", message.text()));
      page.onPageError(error -> attempt.append("ERROR", "page", error));
      page.onCrash(crashed -> attempt.append("ERROR", "page", "the page crashed"));
    }
    return page;
  }

  /** Drops a context whose session turned out expired: nothing of it is kept. */
  private void discardContext() {
    BrowserContext old = context;
    context = null;
    page = null;
    tracing = false;
    safely("context", old::close);
  }

  private static String level(ConsoleMessage message) {
    return switch (message.type()) {
      case "error", "assert" -> "ERROR";
      case "warning" -> "WARN";
      case "debug", "trace" -> "DEBUG";
      default -> "INFO";
    };
  }

  /** Saves what the attempt left (screenshot if it failed, trace, video) and closes its context. */
  void finish(boolean failed) {
    if (context == null) {
      return;
    }
    boolean alive = browser.connected();
    boolean secret = task.context.options().secret();
    if (failed && alive && !secret && page != null && !page.isClosed()) {
      safely(
          "screenshot",
          () -> {
            Path file = workDir.resolve("screenshot.png");
            page.screenshot(
                new Page.ScreenshotOptions().setPath(file).setTimeout(SCREENSHOT_TIMEOUT_MS));
            save(ArtifactKind.SCREENSHOT, file);
          });
    }
    if (tracing) {
      if (!alive) {
        note("no trace: the browser was gone before it could be saved");
      } else if (task.context.options().trace().keeps(failed)) {
        safely(
            "trace",
            () -> {
              Path file = workDir.resolve("trace.zip");
              context.tracing().stop(new Tracing.StopOptions().setPath(file));
              TraceScrub.rewrite(file, scrubber);
              save(ArtifactKind.TRACE, file);
            });
      } else {
        safely("trace", () -> context.tracing().stop());
      }
    }
    safely("context", () -> context.close());
    if (video && !secret) {
      safely(
          "video",
          () -> {
            Optional<Path> recording = recording();
            if (recording.isPresent()) {
              save(ArtifactKind.VIDEO, recording.get());
            }
          });
    }
  }

  /** The main page's recording; a page the API opened itself may have left another. */
  private Optional<Path> recording() throws IOException {
    if (page != null && page.video() != null) {
      Path path = page.video().path();
      if (Files.isRegularFile(path)) {
        return Optional.of(path);
      }
    }
    try (Stream<Path> files = Files.list(workDir)) {
      return files.filter(f -> f.toString().endsWith(".webm")).min(Comparator.naturalOrder());
    }
  }

  private void save(ArtifactKind kind, Path file) throws IOException {
    artifacts.save(
        task.context.execution().runId(), task.context.execution().attempt(), kind, file);
  }

  private interface Step {
    void run() throws Exception;
  }

  private void safely(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      note(
          "could not save or close the "
              + what
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + message);
    }
  }

  private void note(String message) {
    task.context.append("WARN", "drover", message);
  }
}
