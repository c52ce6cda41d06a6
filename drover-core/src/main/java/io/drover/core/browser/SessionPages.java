package io.drover.core.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.drover.core.auth.AuthInvalidException;
import io.drover.core.auth.Scrubber;
import io.drover.core.engine.AttemptContext;
import io.drover.core.engine.SessionLeases;
import io.drover.core.engine.SessionLogins;
import io.drover.core.engine.SessionUse;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.RunLog;
import java.util.function.Consumer;

/**
 * The page of an attempt whose Run uses an AuthSession: its context is opened with the session's
 * browser state and the Project's check runs in that same page. When the check says false the
 * session is re-created (serialized per session by {@link SessionLeases#renew}) on this slot's
 * browser, in a context nothing records, and the attempt gets a fresh context with the new state.
 */
final class SessionPages {
  /** How the attempt opens and drops its context. */
  interface Contexts {
    Page open(String storageState);

    void discard();
  }

  private SessionPages() {}

  static Page open(
      Browser chromium,
      AttemptContext attempt,
      SessionUse use,
      Contexts contexts,
      Consumer<Scrubber> scrubbers,
      Runnable whileWaiting)
      throws InterruptedException {
    SessionLeases sessions = use.sessions();
    String project = use.project();
    String id = use.id();
    AuthCheck check = sessions.check(project);
    SessionLeases.Lease lease = sessions.lease(project, id);
    if (lease.state() != null) {
      scrubbers.accept(lease.scrubber());
      Page page = contexts.open(lease.state());
      if (passes(check, page, use.ref().checkAttempts(), attempt)) {
        sessions.valid(lease);
        return page;
      }
      if (!use.mayRecreate()) {
        throw sessions.invalid(lease, "auth-sessions/check said false");
      }
      contexts.discard();
      note(
          attempt,
          "AuthSession '"
              + id
              + "': the check said false; re-creating it (one login at a time per session)");
    } else if (!use.mayRecreate()) {
      throw new AuthInvalidException(project, id, "it has not logged in yet (still PENDING)");
    }
    RunLog drover = (level, message) -> attempt.append(level.name(), "drover", message);
    SessionLeases.Lease renewed =
        sessions.renew(
            lease,
            use.ref().createAttempts(),
            (credentials, log) ->
                SessionLogins.logIn(
                    chromium, sessions.creator(project, id), check, credentials, log),
            drover,
            whileWaiting);
    // The login is not the API's time, as a browser launch is not.
    attempt.extendTimeout();
    scrubbers.accept(renewed.scrubber());
    Page page = contexts.open(renewed.state());
    if (!passes(check, page, use.ref().checkAttempts(), attempt)) {
      throw sessions.invalid(
          renewed, "auth-sessions/check said false even right after the session was re-created");
    }
    sessions.valid(renewed);
    return page;
  }

  /** A false is an answer; a check that throws is tried again, up to {@code tries} times. */
  private static boolean passes(AuthCheck check, Page page, int tries, AttemptContext attempt) {
    for (int attemptNo = 1; attemptNo <= tries; attemptNo++) {
      try {
        return check.check(page, attempt.log());
      } catch (Exception e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        note(
            attempt,
            "auth-sessions/check try "
                + attemptNo
                + " of "
                + tries
                + " failed: "
                + e.getClass().getSimpleName()
                + ": "
                + message);
      }
    }
    return false;
  }

  private static void note(AttemptContext attempt, String message) {
    attempt.append("INFO", "drover", message);
  }
}
