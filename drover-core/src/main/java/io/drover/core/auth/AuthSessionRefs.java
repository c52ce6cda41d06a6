package io.drover.core.auth;

import java.util.Optional;

/**
 * Whether a Job or a standalone Run may name an AuthSession of its Project, and why not when it may
 * not. The server never accepts a reference it cannot honour: a Job naming a session is refused
 * when saved (400), triggered (409) or due on its schedule (a recorded skip).
 */
@FunctionalInterface
public interface AuthSessionRefs {

  /**
   * Empty when the Project's session {@code id} can be used by Runs; otherwise what is expected.
   */
  Optional<String> refusal(String project, String id);

  /**
   * This server keeps no AuthSessions and its Runs cannot log in with one yet, so every reference
   * names a session missing from its Project.
   */
  AuthSessionRefs NOT_SUPPORTED_YET =
      (project, id) ->
          Optional.of(
              "an AuthSession of project "
                  + project
                  + ", but project "
                  + project
                  + " has no AuthSession '"
                  + id
                  + "': this server cannot create AuthSessions and its Runs cannot use them yet;"
                  + " remove the authSession");
}
