package io.drover.core.engine;

import io.drover.sdk.Api;

/**
 * Runs user code for one attempt. The engine calls {@link #execute} on a worker thread and, when
 * the attempt must stop early (deadline passed, JobRun paused or terminated), calls {@link #stop}
 * from another thread. The browser-backed executor opens the page on demand and stops an attempt by
 * closing or killing its browser; the direct one has no browser.
 */
public interface AttemptExecutor extends AutoCloseable {

  /** Runs {@code api} on the calling thread and returns its result. */
  Object execute(Api<Object> api, Object parameters, AttemptContext context) throws Exception;

  /** Makes the attempt running on {@code thread} return or throw as soon as possible. */
  default void stop(AttemptContext context, Thread thread) {
    thread.interrupt();
  }

  @Override
  default void close() {}
}
