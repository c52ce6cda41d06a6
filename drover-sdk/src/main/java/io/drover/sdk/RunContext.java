package io.drover.sdk;

import com.microsoft.playwright.Page;

/** What an API can see and do while one of its attempts runs. */
public interface RunContext {

  /**
   * The attempt's page, in a fresh isolated browser context. Opened on first call: an API that
   * never calls this costs no browser.
   */
  Page page();

  /**
   * Adds payload items to the current JobRun. They become new Runs when this attempt succeeds; a
   * failed attempt's items are discarded, so retries never duplicate them.
   *
   * @throws IllegalStateException in a standalone Run, which has no JobRun to extend
   */
  void extendPayload(PayloadItem... items);

  /** Resets the current attempt's deadline to a fresh full requestTimeout from now. */
  void extendTimeout();

  /** A logger whose lines are kept with this attempt. */
  RunLog log();

  /** Who and where this attempt is: project, job, JobRun, run and attempt number. */
  Execution execution();
}
