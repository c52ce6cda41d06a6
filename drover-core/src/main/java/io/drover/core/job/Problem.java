package io.drover.core.job;

/**
 * One thing wrong with a document: where (a JSON path such as {@code $.payload[3].apiName}), the
 * offending value as the user wrote it (shortened; never a secret), and what was expected.
 */
public record Problem(String path, String value, String expected) {

  public String message() {
    return path + ": " + (value == null ? "" : "got " + value + ", ") + "expected " + expected;
  }
}
