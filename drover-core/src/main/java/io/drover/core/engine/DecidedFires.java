package io.drover.core.engine;

import io.drover.core.schedule.FireDecision;
import io.drover.core.schedule.FireTimes;
import io.drover.core.store.JobRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Fire decisions the scheduler takes for coming fires while it waits for them (the next fire time
 * and its jitter cost several schedule computations each), for the {@value #MAX_KEPT} most recent.
 * A decision is for one Job version's stored {@code nextFireAt}, and is used once, at that fire, if
 * it still holds then; otherwise the scheduler decides at the instant, as without it.
 */
final class DecidedFires {
  static final int MAX_KEPT = 10_000;

  private record Key(String project, String jobId, long version, Instant nextFireAt) {
    static Key of(JobRecord job) {
      return new Key(job.project(), job.id(), job.version(), job.nextFireAt());
    }
  }

  private final Map<Key, FireDecision.Ahead> decided =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, FireDecision.Ahead> eldest) {
          return size() > MAX_KEPT;
        }
      };

  /** Decides the coming fire of {@code job} unless it is decided already. */
  synchronized void decideAhead(JobRecord job, FireTimes times, RandomGenerator random) {
    Key key = Key.of(job);
    if (!decided.containsKey(key)) {
      FireDecision.Ahead ahead;
      synchronized (random) {
        ahead = FireDecision.ahead(times, job.nextFireAt(), random);
      }
      decided.put(key, ahead);
    }
  }

  /** The decision taken ahead for this fire of {@code job} if it holds at {@code now}; or null. */
  synchronized FireDecision take(JobRecord job, Instant now) {
    FireDecision.Ahead ahead = decided.remove(Key.of(job));
    return ahead != null && ahead.holdsAt(now) ? ahead.decision() : null;
  }
}
