package io.drover.server;

import io.drover.core.browser.BrowserProcesses;
import java.util.List;
import java.util.stream.Stream;

/** The browser-side processes this test JVM started, as "pid command" lines. */
final class BrowserProcessesSeen {
  private static final String MINE = ProcessHandle.current().pid() + "-";

  private BrowserProcessesSeen() {}

  /** Chromium main processes of this JVM's browser slots. */
  static List<BrowserProcesses.Marked> browsers() {
    return BrowserProcesses.find(m -> m.startsWith(MINE)).stream()
        .filter(BrowserProcesses.Marked::browser)
        .toList();
  }

  /** Every driver, Chromium (and crash handler) or ffmpeg of this JVM still running. */
  static List<String> all() {
    Stream<String> descendants =
        ProcessHandle.current()
            .descendants()
            .filter(BrowserProcesses::live)
            .map(p -> p.pid() + " " + p.info().command().orElse("?"))
            .filter(c -> c.contains("chrom") || c.endsWith("/node") || c.contains("ffmpeg"));
    Stream<String> marked =
        BrowserProcesses.find(m -> m.startsWith(MINE)).stream()
            .map(p -> p.handle().pid() + " " + p.command());
    return Stream.concat(descendants, marked).distinct().toList();
  }
}
