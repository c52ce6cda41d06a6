package io.drover.core.engine;

import io.drover.core.auth.AuthInvalidException;

/** Turns a throwable into the one-line error a user sees on the attempt. */
final class Errors {
  private static final int MAX_LENGTH = 4_000;

  private Errors() {}

  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(label(e));
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && cause != e && depth < 3; depth++) {
      text.append(" (caused by ").append(label(cause)).append(')');
      cause = cause.getCause();
    }
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text.toString();
  }

  private static String label(Throwable e) {
    String message = e.getMessage();
    if (e instanceof AuthInvalidException) {
      return AuthInvalidException.CODE + ": " + message;
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
