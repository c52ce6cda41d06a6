package io.drover.sdk;

import com.microsoft.playwright.Page;

/**
 * A Project's {@code auth-sessions/check}: says, quickly, whether the session in {@code page}'s
 * browser context is still logged in. Drover runs it in each attempt's own page before the API sees
 * it, and after each create. Throwing counts as a check that said false.
 */
@FunctionalInterface
public interface AuthCheck {

  boolean check(Page page, RunLog log) throws Exception;
}
