package io.drover.core.store.sql;

import io.drover.core.engine.JobRunStatus;
import io.drover.core.engine.RunStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * WHERE conditions derived from the enums' transition tables, so that an UPDATE to a status only
 * touches rows whose current status may become it.
 */
final class Transitions {
  private Transitions() {}

  /** {@code status IN (...)}: the Run statuses that can become {@code next}. */
  static String into(RunStatus next) {
    return condition(
        Arrays.stream(RunStatus.values())
            .filter(s -> s.canBecome(next))
            .map(Enum::name)
            .collect(Collectors.joining("', '")));
  }

  /** {@code status IN (...)}: the JobRun statuses that can become {@code next}. */
  static String into(JobRunStatus next) {
    return condition(
        Arrays.stream(JobRunStatus.values())
            .filter(s -> s.canBecome(next))
            .map(Enum::name)
            .collect(Collectors.joining("', '")));
  }

  private static String condition(String names) {
    if (names.isEmpty()) {
      throw new IllegalStateException("no status can make this transition");
    }
    return "status IN ('" + names + "')";
  }
}
