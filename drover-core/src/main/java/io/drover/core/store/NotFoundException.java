package io.drover.core.store;

/** The named thing does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
