package io.drover.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the scheduler does with a Job whose stored {@code nextFireAt} it looks at: wait, fire, fire
 * one catch-up, or skip what was missed; and the {@code nextFireAt} to store afterwards.
 *
 * @param kind what to do now
 * @param nominal the schedule's own time (without jitter) of the fire being honoured or, for a
 *     skip, of the latest one missed; the stored time itself when not due
 * @param nextFireAt the jittered time to store next; {@code null} when the schedule never fires
 *     again. For a fire, catch-up or skip it is always after {@code now}, so nothing bursts.
 */
public record FireDecision(Kind kind, Instant nominal, Instant nextFireAt) {

  /** How late a due fire may be picked up and still count as on time, not as a catch-up. */
  public static final Duration ON_TIME_TOLERANCE = Duration.ofSeconds(5);

  public enum Kind {
    /** {@code nextFireAt} is still in the future. */
    NOT_DUE,
    /** The stored fire is due now (at most {@link #ON_TIME_TOLERANCE} late): start a JobRun. */
    FIRE,
    /** Fires were missed, the latest within the catch-up window: start one JobRun for them all. */
    CATCH_UP,
    /** Fires were missed, all longer ago than the catch-up window: start nothing. */
    SKIP
  }

  public boolean fires() {
    return kind == Kind.FIRE || kind == Kind.CATCH_UP;
  }

  /**
   * Decides for a stored {@code nextFireAt} (possibly jittered, possibly long past after downtime)
   * at {@code now}. Missed fires collapse into at most one catch-up, and only if the latest of them
   * is within the schedule's catch-up window of {@code now}.
   */
  public static FireDecision decide(
      FireTimes times, Instant nextFireAt, Instant now, RandomGenerator random) {
    if (nextFireAt.isAfter(now)) {
      return new FireDecision(Kind.NOT_DUE, nextFireAt, nextFireAt);
    }
    Instant following = times.nextAfter(now).map(next -> times.jittered(next, random)).orElse(null);
    Optional<Instant> laterMissed = times.latestIn(nextFireAt, now);
    boolean late = nextFireAt.plus(ON_TIME_TOLERANCE).isBefore(now);
    if (laterMissed.isEmpty() && !late) {
      return new FireDecision(Kind.FIRE, times.nominalOf(nextFireAt), following);
    }
    Instant latestMissed = laterMissed.orElse(nextFireAt);
    Instant windowStart = now.minus(times.schedule().catchupWindow());
    Kind kind = latestMissed.isBefore(windowStart) ? Kind.SKIP : Kind.CATCH_UP;
    Instant nominal = laterMissed.orElseGet(() -> times.nominalOf(nextFireAt));
    return new FireDecision(kind, nominal, following);
  }

  /**
   * The decision for a stored {@code nextFireAt}, taken before it is due: what {@link #decide}
   * returns for it at any {@code now} the result {@link Ahead#holdsAt holds at} — from {@code
   * nextFireAt} until the schedule's next fire after it or the end of the on-time tolerance, when
   * the fire is on time and nothing was missed. A scheduler decides its coming fires this way so
   * that at their time only the store's work is left.
   */
  public static Ahead ahead(FireTimes times, Instant nextFireAt, RandomGenerator random) {
    Instant nextNominal = times.nextAfter(nextFireAt).orElse(null);
    Instant following = nextNominal == null ? null : times.jittered(nextNominal, random);
    return new Ahead(
        new FireDecision(Kind.FIRE, times.nominalOf(nextFireAt), following),
        nextFireAt,
        nextNominal);
  }

  /**
   * A FIRE decided ahead for {@code due}: it stands while no later fire has come ({@code
   * nextNominal}, {@code null}: none ever) and {@code due} is not past the on-time tolerance.
   */
  public record Ahead(FireDecision decision, Instant due, Instant nextNominal) {
    public boolean holdsAt(Instant now) {
      return !now.isBefore(due)
          && !due.plus(ON_TIME_TOLERANCE).isBefore(now)
          && (nextNominal == null || now.isBefore(nextNominal));
    }
  }
}
