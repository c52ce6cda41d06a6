package io.drover.sdk;

import java.util.List;
import java.util.Optional;

/**
 * A named bundle of APIs. Drover finds Projects in a jar through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.drover.sdk.Project} file naming the class) or takes them in code.
 */
public interface Project {

  /** The Project's name, {@code [A-Za-z0-9_-]}, 1 to 64 characters. */
  String name();

  List<Api<?>> apis();

  /**
   * {@code auth-sessions/create}: how this Project logs in for a CREDENTIALS AuthSession. Without
   * it, the Project's AuthSessions can only be RECORDER ones.
   */
  default Optional<AuthCreate> authCreate() {
    return Optional.empty();
  }

  /**
   * {@code auth-sessions/check}: whether a session is still logged in. A Project without one cannot
   * have AuthSessions.
   */
  default Optional<AuthCheck> authCheck() {
    return Optional.empty();
  }
}
