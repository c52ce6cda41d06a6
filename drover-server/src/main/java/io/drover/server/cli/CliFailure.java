package io.drover.server.cli;

import java.util.List;

/** A command could not do its work; {@code details} are printed under the message, indented. */
final class CliFailure extends RuntimeException {
  final List<String> details;
  final int exitCode;

  CliFailure(String message) {
    this(message, List.of(), 1);
  }

  CliFailure(String message, List<String> details, int exitCode) {
    super(message);
    this.details = List.copyOf(details);
    this.exitCode = exitCode;
  }
}
