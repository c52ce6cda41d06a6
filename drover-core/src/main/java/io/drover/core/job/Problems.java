package io.drover.core.job;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one document, so the user sees all of them in one answer. */
final class Problems {
  static final int LIMIT = 100;

  private final List<Problem> listed = new ArrayList<>();
  private long omitted;

  void add(String path, String value, String expected) {
    add(new Problem(path, value, expected));
  }

  void add(Problem problem) {
    if (listed.size() < LIMIT) {
      listed.add(problem);
    } else {
      omitted++;
    }
  }

  long total() {
    return listed.size() + omitted;
  }

  boolean isEmpty() {
    return listed.isEmpty();
  }

  void throwIfAny() {
    if (!listed.isEmpty()) {
      throw exception();
    }
  }

  /** The exception listing the problems so far; there must be at least one. */
  InvalidDocumentException exception() {
    List<Problem> all = new ArrayList<>(listed);
    if (omitted > 0) {
      String expected =
          "fewer problems: only the first "
              + LIMIT
              + " are listed, "
              + omitted
              + " more were found";
      all.add(new Problem("$", null, expected));
    }
    return new InvalidDocumentException(all);
  }
}
