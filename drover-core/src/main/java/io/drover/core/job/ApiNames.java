package io.drover.core.job;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The API names a document may refer to; stored documents, checked when saved, accept all. */
record ApiNames(Set<String> names, boolean acceptsAll) {
  private static final int LISTED = 20;

  static ApiNames of(Collection<String> names) {
    return new ApiNames(new LinkedHashSet<>(names), false);
  }

  static ApiNames any() {
    return new ApiNames(Set.of(), true);
  }

  boolean accepts(String name) {
    return acceptsAll || names.contains(name);
  }

  /** "an API of this Project: "a", "b" ..." with a long list shortened. */
  String expected() {
    if (names.isEmpty()) {
      return "an API of this Project (it has none)";
    }
    String listed =
        names.stream().limit(LISTED).map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    int more = names.size() - LISTED;
    return "an API of this Project: " + listed + (more > 0 ? " and " + more + " more" : "");
  }
}
