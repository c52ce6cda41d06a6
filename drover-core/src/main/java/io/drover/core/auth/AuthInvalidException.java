package io.drover.core.auth;

/**
 * An attempt's AuthSession could not be made valid: the attempt fails with {@code auth_invalid}
 * (and is retried like any failed attempt). The message names the session and never holds a secret.
 */
public final class AuthInvalidException extends RuntimeException {
  public static final String CODE = "auth_invalid";

  public AuthInvalidException(String project, String id, String why) {
    super("AuthSession '" + id + "' of project " + project + ": " + why);
  }
}
