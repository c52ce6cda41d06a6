package io.drover.core.job;

import java.util.Arrays;

/**
 * When an attempt's Playwright trace is kept: always ({@code on}, the default), never ({@code off}:
 * not even recorded), or only for attempts that failed or timed out ({@code on-failure}).
 */
public enum TraceMode {
  ON("on"),
  OFF("off"),
  ON_FAILURE("on-failure");

  public static final String EXPECTED = "one of \"on\", \"off\", \"on-failure\"";

  private final String text;

  TraceMode(String text) {
    this.text = text;
  }

  /** How the mode is written in a Job document. */
  public String text() {
    return text;
  }

  /** The mode written as {@code text}, or null when there is none. */
  public static TraceMode parse(String text) {
    return Arrays.stream(values()).filter(mode -> mode.text.equals(text)).findFirst().orElse(null);
  }

  /** Whether a trace must be recorded at all. */
  public boolean records() {
    return this != OFF;
  }

  /** Whether the recorded trace of an attempt that ended so is kept. */
  public boolean keeps(boolean failed) {
    return this == ON || (this == ON_FAILURE && failed);
  }
}
