package io.drover.core.browser;

import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactStore;
import io.drover.core.engine.AttemptContext;
import io.drover.core.engine.AttemptExecutor;
import io.drover.sdk.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs attempts in browser slots: {@code slots} threads, each with its own Playwright driver and
 * Chromium, started lazily. The engine's worker thread hands its attempt to a free slot and waits
 * for it; the API runs on the slot's thread. No process outlives {@link #close()}: every driver,
 * Chromium and ffmpeg of this executor carries a marker that is swept at the end.
 */
public final class BrowserExecutor implements AttemptExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserExecutor.class);
  private static final AtomicInteger EXECUTORS = new AtomicInteger();
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

  private final String markerPrefix;
  private final BrowserParts parts;
  // Most recently used first: a warm slot (browser launched) is preferred, and slots the load
  // never needs never launch a browser at all.
  private final BlockingDeque<BrowserSlot> idle = new LinkedBlockingDeque<>();
  private final List<BrowserSlot> slots = new ArrayList<>();
  private final List<BrowserSlot> abandoned = new ArrayList<>();
  private final Map<AttemptContext, SlotTask> running = new ConcurrentHashMap<>();
  private final AtomicInteger generation = new AtomicInteger();
  private final BrowserSlot.Pool pool =
      new BrowserSlot.Pool() {
        @Override
        public void idle(BrowserSlot slot) {
          idle.addFirst(slot);
        }

        @Override
        public void abandoned(BrowserSlot slot) {
          replace(slot);
        }
      };
  private boolean closed;

  public BrowserExecutor(
      BrowserSettings settings, int slotCount, ArtifactStore artifacts, Clock clock) {
    this(settings, slotCount, artifacts, clock, BrowserEvents.NONE);
  }

  /** {@code events} hears what the slots' browsers do (launches, crashes, replacements). */
  public BrowserExecutor(
      BrowserSettings settings,
      int slotCount,
      ArtifactStore artifacts,
      Clock clock,
      BrowserEvents events) {
    if (slotCount < 1) {
      throw new IllegalArgumentException("slots = " + slotCount + ": expected 1 or more");
    }
    this.markerPrefix = ProcessHandle.current().pid() + "-" + EXECUTORS.incrementAndGet() + "-";
    boolean video = settings.video() && videoAvailable(settings);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "drover-browser-stopper");
              thread.setDaemon(true);
              return thread;
            });
    Path workRoot;
    try {
      workRoot = Files.createTempDirectory("drover-browser-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory for browser slots", e);
    }
    this.parts = new BrowserParts(settings, artifacts, video, clock, timer, workRoot, events);
    if (!Files.isExecutable(settings.chromium())) {
      LOG.warn(
          "Chromium not found at {}: attempts that ask for a page will fail. Install it (Debian:"
              + " apt-get install -y chromium, as root) or set --chromium.",
          settings.chromium());
    }
    synchronized (this) {
      for (int number = 1; number <= slotCount; number++) {
        BrowserSlot slot = newSlot(number);
        slots.add(slot);
        idle.addLast(slot);
      }
    }
  }

  private static boolean videoAvailable(BrowserSettings settings) {
    VideoSupport support = VideoSupport.prepare();
    if (!support.available()) {
      LOG.warn("video recording is off: {}", support.reason());
    } else {
      LOG.debug("video recording: {}", support.reason());
    }
    return support.available();
  }

  private BrowserSlot newSlot(int number) {
    String marker = markerPrefix + "s" + number + "-g" + generation.incrementAndGet();
    return new BrowserSlot(number, marker, parts, pool).start();
  }

  /** How many slots this executor has. */
  public synchronized int slotCount() {
    return slots.size();
  }

  /** How many slots are running an attempt now. */
  public synchronized int busySlots() {
    return Math.max(0, slots.size() - idle.size());
  }

  /** The marker prefix of this executor's processes (see {@link BrowserProcesses}). */
  public String markerPrefix() {
    return markerPrefix;
  }

  @Override
  public Object execute(Api<Object> api, Object parameters, AttemptContext context)
      throws Exception {
    SlotTask task = new SlotTask(api, parameters, context);
    running.put(context, task);
    try {
      BrowserSlot slot = idle.takeFirst();
      if (!task.assign(slot)) {
        idle.addFirst(slot);
        throw new InterruptedException(
            task.describe() + " was stopped before a browser slot was free");
      }
      slot.submit(task);
      try {
        return task.result.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
          throw exception;
        }
        throw e;
      }
    } finally {
      running.remove(context, task);
    }
  }

  @Override
  public void stop(AttemptContext context, Thread thread) {
    SlotTask task = running.get(context);
    BrowserSlot slot = task == null ? null : task.requestStop();
    if (slot == null) {
      thread.interrupt(); // still waiting for a free slot
    } else {
      slot.stop(task);
    }
  }

  private synchronized void replace(BrowserSlot stuck) {
    if (closed) {
      return;
    }
    abandoned.add(stuck);
    BrowserSlot fresh = newSlot(stuck.number);
    slots.set(slots.indexOf(stuck), fresh);
    idle.addLast(fresh);
  }

  @Override
  public void close() {
    List<BrowserSlot> toClose;
    List<BrowserSlot> stuck;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(slots);
      stuck = List.copyOf(abandoned);
    }
    toClose.forEach(BrowserSlot::shutdown);
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (BrowserSlot slot : toClose) {
      try {
        if (!slot.awaitTermination((deadline - System.nanoTime()) / 1_000_000)) {
          LOG.warn("browser slot {} did not stop in time; killing its processes", slot.number);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<ProcessHandle> drivers =
        java.util.stream.Stream.concat(toClose.stream(), stuck.stream())
            .flatMap(slot -> slot.driver().stream())
            .toList();
    int killed =
        BrowserProcesses.killAll(m -> m.startsWith(markerPrefix), drivers, Duration.ofSeconds(5));
    if (killed > 0) {
      LOG.info("killed {} browser processes left over at shutdown", killed);
    }
    parts.timer().shutdownNow();
    deleteQuietly(parts.workRoot());
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.debug("could not delete {}", dir, e);
    }
  }
}
