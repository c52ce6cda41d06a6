package io.drover.core.engine;

import io.drover.core.artifact.ArtifactStore;
import io.drover.core.store.AttemptOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands a settled attempt over: its logs to the artifact store, its outcome to the committer. */
final class Settlement {
  private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

  private final ArtifactStore artifacts;
  private final Committer committer;
  private final Runnable settled;

  /** {@code settled} is told after each hand-over (its slot may be free: claim again). */
  Settlement(ArtifactStore artifacts, Committer committer, Runnable settled) {
    this.artifacts = artifacts;
    this.committer = committer;
    this.settled = settled;
  }

  void finish(InFlight attempt, AttemptOutcome outcome) {
    saveLogs(attempt);
    committer.submit(attempt, outcome);
    settled.run();
  }

  void saveLogs(InFlight attempt) {
    try {
      artifacts.writeLogs(attempt.runId(), attempt.claimed.attempt(), attempt.context.logLines());
    } catch (Exception e) {
      LOG.warn(
          "could not save the logs of run {} attempt {}",
          attempt.runId(),
          attempt.claimed.attempt(),
          e);
    }
  }
}
