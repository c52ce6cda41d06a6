package io.drover.core.engine;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import io.drover.core.auth.AuthInvalidException;
import io.drover.core.auth.AuthSession;
import io.drover.core.job.AuthSessionRef;
import io.drover.core.store.ConflictException;
import io.drover.sdk.Api;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.Execution;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.RunContext;
import io.drover.sdk.RunLog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins and checks users ask for (a new session, new credentials, an upload, a validation),
 * run in a browser slot like an attempt, but secret: no trace, video, screenshot or console
 * capture. Logins run in the background; a validation answers when its check is done.
 */
public final class SessionLogins implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLogins.class);
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final EngineParts parts;
  private final AuthSessions sessions;
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "drover-auth-session");
            thread.setDaemon(true);
            return thread;
          });
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "drover-auth-session-timer");
            thread.setDaemon(true);
            return thread;
          });

  SessionLogins(EngineParts parts, AuthSessions sessions) {
    this.parts = parts;
    this.sessions = sessions;
  }

  /**
   * Logs in once on {@code browser}, in a fresh context nothing records: runs the Project's create
   * with the credentials, keeps the context's storage state and checks it in the same page.
   */
  public static String logIn(
      Browser browser, AuthCreate create, AuthCheck check, JsonParameters credentials, RunLog log)
      throws Exception {
    BrowserContext context = browser.newContext();
    try {
      Page page = context.newPage();
      page.onConsoleMessage(message -> log.log(level(message), "console: " + message.text()));
      create.create(page, credentials, log);
      String state = context.storageState();
      if (!check.check(page, log)) {
        throw new IllegalStateException(
            "auth-sessions/check said false right after auth-sessions/create: the login did not"
                + " take");
      }
      return state;
    } finally {
      try {
        context.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a login's browser context failed", e);
      }
    }
  }

  private static RunLog.Level level(ConsoleMessage message) {
    return switch (message.type()) {
      case "error", "assert" -> RunLog.Level.ERROR;
      case "warning" -> RunLog.Level.WARN;
      default -> RunLog.Level.DEBUG;
    };
  }

  /** Starts the session's login in the background (a new session, or new credentials). */
  void logInLater(AuthSession session) {
    pool.submit(() -> logInNow(session.project(), session.id()));
  }

  /** Starts a check of the session in the background (an uploaded state). */
  void checkLater(AuthSession session) {
    pool.submit(() -> checkNow(session.project(), session.id()));
  }

  /**
   * Runs a check of the session now; the session as the check left it.
   *
   * @throws ConflictException when the check could not run at all (no browser, timed out)
   */
  Optional<AuthSession> validate(String project, String id) throws Exception {
    Future<String> done = pool.submit(() -> checkNow(project, id));
    String error = done.get(TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
    if (error != null && !error.startsWith(AuthInvalidException.CODE)) {
      throw new ConflictException("AuthSession '" + id + "' could not be checked: " + error);
    }
    return sessions.find(project, id);
  }

  /** Starts what a session left PENDING by a stop needs: its login, or its first check. */
  void resume(AuthSession session) {
    if (session.type() == io.drover.core.auth.AuthSessionType.CREDENTIALS) {
      logInLater(session);
    } else {
      checkLater(session);
    }
  }

  private void logInNow(String project, String id) {
    SessionLeases.Lease seen;
    try {
      seen = sessions.leases().lease(project, id);
    } catch (RuntimeException e) {
      return; // deleted or FAILED meanwhile: nothing to log in
    }
    Api<Object> login =
        api(
            "auth-sessions/create",
            context -> {
              AuthCreate create = sessions.leases().creator(project, id);
              AuthCheck check = sessions.leases().check(project);
              sessions
                  .leases()
                  .renew(
                      seen,
                      AuthSessionRef.DEFAULT_CREATE_ATTEMPTS,
                      (credentials, log) ->
                          logIn(
                              context.page().context().browser(), create, check, credentials, log),
                      context.log(),
                      context::extendTimeout);
            });
    run(project, id, login, AttemptOptions.secret(null), seen.generation());
  }

  private String checkNow(String project, String id) {
    SessionLeases.Lease seen;
    try {
      seen = sessions.leases().lease(project, id);
    } catch (RuntimeException e) {
      return Errors.describe(e);
    }
    SessionUse use =
        new SessionUse(
            sessions.leases(),
            project,
            new AuthSessionRef(id, AuthSessionRef.DEFAULT_CHECK_ATTEMPTS, 0),
            false);
    return run(
        project,
        id,
        api("auth-sessions/check", RunContext::page),
        AttemptOptions.secret(use),
        seen.generation());
  }

  private interface Body {
    void run(RunContext context) throws Exception;
  }

  private static Api<Object> api(String name, Body body) {
    return new Api<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<Object> parametersType() {
        return Object.class;
      }

      @Override
      public Object run(Object parameters, RunContext context) throws Exception {
        body.run(context);
        return null;
      }
    };
  }

  /** Runs the task in a browser slot within {@link #TIMEOUT}; the error it ended with, or null. */
  private String run(
      String project, String id, Api<Object> api, AttemptOptions options, long generation) {
    AttemptContext context =
        new AttemptContext(
            new Execution(project, null, null, "auth-session-" + id, api.name(), 1, id),
            TIMEOUT,
            parts.clock(),
            name -> false,
            parts.settings().maxLogLinesPerAttempt(),
            options);
    Thread worker = Thread.currentThread();
    ScheduledFuture<?> watch =
        timer.scheduleAtFixedRate(
            () -> {
              if (context.pastDeadline()) {
                parts.executor().stop(context, worker);
              }
            },
            1,
            1,
            TimeUnit.SECONDS);
    String error = null;
    try {
      parts.executor().execute(api, null, context);
    } catch (Exception e) {
      error = Errors.describe(e);
    } finally {
      watch.cancel(false);
      Thread.interrupted();
    }
    // A login stopped before it could say how it went (timed out, no browser slot) is FAILED.
    sessions.failIfPending(
        project,
        id,
        generation,
        api.name()
            + " did not finish"
            + (error == null ? "" : ": " + error)
            + " (time limit "
            + TIMEOUT.toMinutes()
            + " min)");
    return error;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    timer.shutdownNow();
  }
}
