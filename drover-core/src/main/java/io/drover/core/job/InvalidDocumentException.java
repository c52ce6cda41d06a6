package io.drover.core.job;

import java.util.List;
import java.util.stream.Collectors;

/** A document with one or more problems, all reported together (HTTP 400). */
public class InvalidDocumentException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidDocumentException(List<Problem> problems) {
    super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
