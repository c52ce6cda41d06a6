package io.drover.core.store;

/** The requested change conflicts with the current state (HTTP 409). */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
