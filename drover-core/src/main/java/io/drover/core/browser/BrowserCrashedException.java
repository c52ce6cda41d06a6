package io.drover.core.browser;

/** The browser died under an attempt: a crash, or its process was killed from outside. */
public final class BrowserCrashedException extends RuntimeException {
  public BrowserCrashedException(String message, Throwable cause) {
    super(message, cause);
  }
}
