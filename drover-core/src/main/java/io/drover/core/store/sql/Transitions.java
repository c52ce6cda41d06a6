package io.drover.core.store.sql;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WHERE conditions derived from the one transition table ({@link
 * io.drover.core.state.Transitions}), so that an UPDATE to a status only touches rows whose current
 * status may become it.
 */
final class Transitions {
  private Transitions() {}

  /**
   * {@code status IN (...)}: the statuses that can become each of {@code next} — the guard of an
   * UPDATE that sets one of them (bound as a parameter, so it must be allowed for all).
   */
  @SafeVarargs
  static <S extends Enum<S>> String into(S... next) {
    Set<S> sources = EnumSet.copyOf(io.drover.core.state.Transitions.sourcesOf(next[0]));
    for (S other : next) {
      sources.retainAll(io.drover.core.state.Transitions.sourcesOf(other));
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("no status can become " + Arrays.toString(next));
    }
    return "status IN ("
        + sources.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
        + ")";
  }
}
