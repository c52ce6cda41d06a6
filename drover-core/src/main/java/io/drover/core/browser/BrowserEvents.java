package io.drover.core.browser;

/**
 * What browser slots tell whoever listens (metrics). Every method is optional; they are called on
 * slot threads: keep them quick and never throw.
 */
public interface BrowserEvents {
  BrowserEvents NONE = new BrowserEvents() {};

  /** A slot launched a Chromium (its first, or one replacing a crashed, killed or worn one). */
  default void launched(int slot) {}

  /** A slot's Chromium died without Drover stopping it (during an attempt or between two). */
  default void crashed(int slot) {}

  /** A slot's Chromium was killed because a stopped attempt did not return in time. */
  default void killed(int slot) {}

  /**
   * A slot's Chromium was closed after {@code contextsPerBrowser} attempts, to be launched anew.
   */
  default void recycled(int slot) {}

  /** A slot whose API would not return even after its browser was killed was replaced. */
  default void slotReplaced(int slot) {}
}
