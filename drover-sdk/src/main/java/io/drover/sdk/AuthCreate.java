package io.drover.sdk;

import com.microsoft.playwright.Page;

/**
 * A Project's {@code auth-sessions/create}: logs in with a CREDENTIALS AuthSession's credentials on
 * {@code page}, a fresh browser context kept without trace or video. Drover then keeps the
 * context's storage state (cookies and local storage) as the session and runs the Project's {@link
 * AuthCheck} in the same page. Throwing (e.g. the site said the password is wrong) fails the try;
 * Drover tries up to the Job's {@code createAttempts} times.
 *
 * <p>The credentials are secrets: do not log them. Drover also blanks their values in every log
 * line it keeps of a create.
 */
@FunctionalInterface
public interface AuthCreate {

  void create(Page page, JsonParameters credentials, RunLog log) throws Exception;
}
