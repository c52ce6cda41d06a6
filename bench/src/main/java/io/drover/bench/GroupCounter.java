package io.drover.bench;

import io.drover.core.engine.EngineEvents;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the engine's claim and commit groups (one store transaction each) from its events. */
final class GroupCounter implements EngineEvents {
  final AtomicLong claims = new AtomicLong();
  final AtomicLong claimed = new AtomicLong();
  final AtomicLong commits = new AtomicLong();
  final AtomicLong committed = new AtomicLong();

  @Override
  public void claimed(List<ClaimedAttempt> attempts) {
    claims.incrementAndGet();
    claimed.addAndGet(attempts.size());
  }

  @Override
  public void committed(List<AttemptOutcome> outcomes, List<Boolean> applied) {
    commits.incrementAndGet();
    committed.addAndGet(outcomes.size());
  }
}
