package io.drover.core.browser;

import com.microsoft.playwright.PlaywrightException;
import io.drover.core.artifact.ArtifactStore;
import io.drover.core.browser.SlotTask.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser slot: a thread that owns a Playwright driver and a Chromium and runs one attempt at a
 * time on them, the API included, since Playwright objects may only be used from the thread that
 * made them. Stopping an attempt escalates: interrupt the API (a blocked Playwright call then
 * throws and the trace can still be saved), kill the browser if it has not returned after {@code
 * stopGrace}, and give the slot up (a new one takes its place) if even that does not bring the API
 * back within {@code abandonAfter}.
 */
final class BrowserSlot {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserSlot.class);
  private static final SlotTask SHUTDOWN = new SlotTask(null, null, null);

  /** What the pool does for a slot: take it back when idle, replace it when abandoned. */
  interface Pool {
    void idle(BrowserSlot slot);

    void abandoned(BrowserSlot slot);
  }

  final int number;
  final String marker;
  private final BrowserSettings settings;
  private final ArtifactStore artifacts;
  private final boolean video;
  private final Pool pool;
  private final ScheduledExecutorService timer;
  private final SlotBrowser browser;
  private final BlockingQueue<SlotTask> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Path workRoot;
  private final BrowserEvents events;
  private volatile SlotTask current;
  private volatile boolean abandoned;

  BrowserSlot(int number, String marker, BrowserParts parts, Pool pool) {
    this.number = number;
    this.marker = marker;
    this.settings = parts.settings();
    this.artifacts = parts.artifacts();
    this.video = parts.video();
    this.timer = parts.timer();
    this.workRoot = parts.workRoot();
    this.pool = pool;
    this.events = parts.events();
    this.browser = new SlotBrowser(number, marker, settings, parts.clock(), events);
    this.thread = new Thread(this::loop, "drover-browser-slot-" + number);
    thread.setDaemon(true);
  }

  BrowserSlot start() {
    thread.start();
    return this;
  }

  void submit(SlotTask task) {
    inbox.add(task);
  }

  /** Asks the thread to close its browser and driver once its current attempt is done. */
  void shutdown() {
    inbox.add(SHUTDOWN);
  }

  /** The slot's Playwright driver process, if one runs. */
  java.util.Optional<ProcessHandle> driver() {
    return browser.driver();
  }

  boolean awaitTermination(long millis) throws InterruptedException {
    thread.join(Math.max(1, millis));
    return !thread.isAlive();
  }

  private void loop() {
    try {
      while (!abandoned) {
        SlotTask task = inbox.take();
        if (task == SHUTDOWN) {
          break;
        }
        run(task);
      }
    } catch (InterruptedException e) {
      // shutting down
    } finally {
      browser.close();
    }
  }

  private void run(SlotTask task) {
    current = task;
    Path workDir = null;
    Object value = null;
    Throwable error = null;
    try {
      workDir = Files.createTempDirectory(workRoot, "attempt");
      AttemptBrowser attempt = new AttemptBrowser(task, browser, artifacts, video, workDir);
      task.context.usePages(attempt::page);
      task.enter(Phase.API);
      if (task.stopRequested()) {
        // stopped between being handed to this slot and starting: stop() found nothing to stop
        error = new IllegalStateException(task.describe() + " was stopped before it started");
      } else {
        try {
          value = task.api.run(task.parameters, task.context);
        } catch (Throwable e) {
          error = e;
        }
      }
      task.enter(Phase.CLEANUP);
      error = explain(error, task);
      attempt.finish(error != null || task.stopRequested());
    } catch (IOException | RuntimeException e) {
      error = error != null ? error : e;
      LOG.warn("browser slot {}: {} could not be cleaned up", number, task.describe(), e);
    } finally {
      if (browser.died() && !task.stopRequested()) {
        events.crashed(number);
      }
      browser.afterAttempt();
      deleteTree(workDir);
      task.enter(Phase.DONE);
      if (task.stopRequested() && !task.context.options().secret()) {
        rewriteLogs(task);
      }
      current = null;
    }
    // Back in the pool before the worker learns the outcome, so the next attempt finds it free.
    if (!abandoned) {
      pool.idle(this);
    }
    if (error != null) {
      task.result.completeExceptionally(error);
    } else {
      task.result.complete(value);
    }
  }

  /** A Playwright error because the browser died is reported as that, not as a page problem. */
  private Throwable explain(Throwable error, SlotTask task) {
    if (error instanceof PlaywrightException && browser.died() && !task.stopRequested()) {
      return new BrowserCrashedException(
          "the Chromium of browser slot "
              + number
              + " crashed or was killed while "
              + task.describe()
              + " used it; the slot launches a new one for the next attempt",
          error);
    }
    return error;
  }

  /** Stops the attempt if this slot still runs it (see the class comment for the steps). */
  void stop(SlotTask task) {
    if (current != task) {
      return;
    }
    task.interruptApi(thread);
    timer.schedule(
        () -> killIfStillRunning(task), settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void killIfStillRunning(SlotTask task) {
    if (current != task) {
      return;
    }
    if (task.phase() != Phase.CLEANUP) {
      int killed = BrowserProcesses.killBrowser(marker);
      events.killed(number);
      task.context.append(
          "WARN",
          "drover",
          "the attempt did not return within "
              + settings.stopGrace().toSeconds()
              + " s of being stopped;"
              + " killed the Chromium of browser slot "
              + number
              + " ("
              + killed
              + " processes)");
    }
    timer.schedule(
        () -> abandonIfStillRunning(task),
        settings.abandonAfter().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void abandonIfStillRunning(SlotTask task) {
    if (current != task) {
      return;
    }
    abandoned = true;
    BrowserProcesses.killAll(
        marker::equals, browser.driver().stream().toList(), java.time.Duration.ofSeconds(5));
    LOG.warn(
        "browser slot {}: {} still has not returned {} s after it was stopped; giving the slot up and"
            + " starting another (the stuck thread {} is left to end on its own)",
        number,
        task.describe(),
        settings.stopGrace().plus(settings.abandonAfter()).toSeconds(),
        thread.getName());
    task.result.completeExceptionally(
        new IllegalStateException(
            task.describe() + ": the API did not return after it was stopped"));
    events.slotReplaced(number);
    pool.abandoned(this);
  }

  private void rewriteLogs(SlotTask task) {
    // The engine saved the logs when it stopped the attempt; lines added while the browser was
    // being stopped (its console, what became of the trace) would otherwise be lost.
    try {
      artifacts.writeLogs(
          task.context.execution().runId(),
          task.context.execution().attempt(),
          task.context.logLines());
    } catch (IOException | RuntimeException e) {
      LOG.debug("browser slot {}: could not rewrite the logs of {}", number, task.describe(), e);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not delete {}", dir, e);
    }
  }
}
