package io.drover.core.auth;

import java.util.Optional;

/**
 * Whether a Job or a standalone Run may name an AuthSession of its Project, and why not when it may
 * not. The server never accepts a reference it cannot honour: a Job naming a missing session is
 * refused when saved (400), triggered (409) or due on its schedule (a recorded skip).
 */
@FunctionalInterface
public interface AuthSessionRefs {

  /**
   * Empty when the Project's session {@code id} can be used by Runs; otherwise what is expected.
   */
  Optional<String> refusal(String project, String id);
}
