package io.drover.core.engine;

import io.drover.core.job.Configuration;
import io.drover.core.job.TraceMode;

/**
 * What the executor needs from the Job's configuration to run an attempt: which traces to keep, and
 * the AuthSession its page logs in with ({@code null}: none). A {@code secret} attempt (an
 * AuthSession's own login or check) keeps no trace, video or screenshot and captures no console:
 * what it types is a secret. Standalone Runs use {@link #DEFAULT}.
 */
public record AttemptOptions(TraceMode trace, SessionUse session, boolean secret) {
  public static final AttemptOptions DEFAULT =
      new AttemptOptions(Configuration.DEFAULT_TRACE, null, false);

  public AttemptOptions {
    trace = trace == null ? Configuration.DEFAULT_TRACE : trace;
  }

  public AttemptOptions(TraceMode trace) {
    this(trace, null, false);
  }

  public static AttemptOptions of(Configuration configuration, SessionUse session) {
    return new AttemptOptions(configuration.trace(), session, false);
  }

  /** The options of an AuthSession's own login or check: nothing recorded. */
  static AttemptOptions secret(SessionUse session) {
    return new AttemptOptions(TraceMode.OFF, session, true);
  }
}
