package io.drover.core.engine;

import io.drover.core.job.Configuration;
import io.drover.core.job.TraceMode;

/**
 * What the executor needs from the Job's configuration to run an attempt: which traces to keep.
 * Read from the JobRun's configuration snapshot; standalone Runs use {@link #DEFAULT}.
 */
public record AttemptOptions(TraceMode trace) {
  public static final AttemptOptions DEFAULT = new AttemptOptions(Configuration.DEFAULT_TRACE);

  public AttemptOptions {
    trace = trace == null ? Configuration.DEFAULT_TRACE : trace;
  }

  public static AttemptOptions of(Configuration configuration) {
    return new AttemptOptions(configuration.trace());
  }
}
