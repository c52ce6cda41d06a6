package io.drover.core.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds and kills the processes of browser slots. Each slot launches Chromium with {@code
 * DROVER_BROWSER=<marker>} in its environment; Chromium's crash handler inherits it, even after it
 * is re-parented to init, so a marker finds them without trusting parent links. Chromium's own
 * children (zygotes, renderers) get a cleaned environment, so they are found as descendants of a
 * marked process. The Playwright drivers (and their ffmpeg) are known by pid to their slots. Linux
 * only (/proc): elsewhere nothing is found, and stopping relies on interrupting the slot thread.
 */
public final class BrowserProcesses {
  public static final String VARIABLE = "DROVER_BROWSER";
  private static final Path PROC = Path.of("/proc");
  private static final byte[] KEY = (VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);

  private BrowserProcesses() {}

  public static boolean supported() {
    return Files.isDirectory(PROC.resolve("self"));
  }

  /**
   * A live process with a marker: Chromium's main process, its crash handlers, or for a moment a
   * child it forked and has not yet turned into something else.
   */
  public record Marked(ProcessHandle handle, String marker, String command) {
    /**
     * Chromium's main process: the one a driver started. Not a crash handler, nor a fork that still
     * looks like Chromium (its parent is marked, or init for a double-forked crash handler).
     */
    public boolean browser() {
      if (command.contains("crashpad")) {
        return false;
      }
      return handle.parent().filter(p -> p.pid() != 1 && markerOf(p.pid()).isEmpty()).isPresent();
    }
  }

  /** Every live process whose marker passes the test. */
  public static List<Marked> find(Predicate<String> marker) {
    List<Marked> found = new ArrayList<>();
    if (!supported()) {
      return found;
    }
    ProcessHandle.allProcesses()
        .forEach(
            process ->
                markerOf(process.pid())
                    .filter(marker)
                    .filter(m -> !zombie(process.pid()))
                    .ifPresent(m -> found.add(new Marked(process, m, command(process)))));
    return found;
  }

  /**
   * Kills the Chromium of one slot (its driver lives on), crash handlers included, and waits until
   * it is gone, so a slot never has two at once; returns how many processes.
   */
  public static int killBrowser(String marker) {
    return killAll(marker::equals, List.of(), Duration.ofSeconds(5));
  }

  /**
   * Kills every process whose marker passes the test, the given drivers, and all their descendants
   * (a driver's ffmpeg, a browser's renderers); waits for them to end.
   */
  public static int killAll(Predicate<String> marker, List<ProcessHandle> drivers, Duration wait) {
    List<ProcessHandle> targets = new ArrayList<>(drivers);
    for (Marked process : find(marker)) {
      targets.add(process.handle());
    }
    List<ProcessHandle> killed = kill(targets);
    awaitGone(killed, wait);
    return killed.size();
  }

  private static void awaitGone(List<ProcessHandle> processes, Duration wait) {
    // Polled rather than onExit(): a killed process re-parented to init stays a zombie until init
    // reaps it, and onExit() counts a zombie as alive.
    long deadline = System.nanoTime() + wait.toNanos();
    while (processes.stream().anyMatch(BrowserProcesses::live)) {
      if (System.nanoTime() > deadline) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static List<ProcessHandle> kill(List<ProcessHandle> roots) {
    // Descendants are collected before anything dies: a dead parent's children are re-parented
    // to init and could no longer be found through it.
    Set<ProcessHandle> all = new LinkedHashSet<>();
    for (ProcessHandle root : roots) {
      root.descendants().forEach(all::add);
    }
    all.addAll(roots);
    List<ProcessHandle> killed = new ArrayList<>();
    for (ProcessHandle process : all) {
      if (process.destroyForcibly()) {
        killed.add(process);
      }
    }
    return killed;
  }

  static Optional<String> markerOf(long pid) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (startsWith(environ, start, i)) {
          return Optional.of(
              new String(
                  environ, start + KEY.length, i - start - KEY.length, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] environ, int from, int to) {
    if (to - from < KEY.length) {
      return false;
    }
    for (int k = 0; k < KEY.length; k++) {
      if (environ[from + k] != KEY[k]) {
        return false;
      }
    }
    return true;
  }

  /** Alive and not a zombie waiting to be reaped. */
  public static boolean live(ProcessHandle process) {
    return process.isAlive() && !zombie(process.pid());
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | SecurityException e) {
      return true; // gone already
    }
  }

  private static String command(ProcessHandle process) {
    return process.info().command().orElse("");
  }
}
