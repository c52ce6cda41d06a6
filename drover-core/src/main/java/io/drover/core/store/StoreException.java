package io.drover.core.store;

/** A storage failure that is not the caller's fault (I/O, SQL). */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
