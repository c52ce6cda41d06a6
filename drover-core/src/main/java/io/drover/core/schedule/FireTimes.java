package io.drover.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The fire times of one {@link Schedule}: the union of its intervals and calendars, each time once
 * even when several specs produce it. Pure: time is always passed in, randomness too.
 */
public final class FireTimes {
  private final Schedule schedule;
  private final List<CalendarRule> calendars;

  private FireTimes(Schedule schedule) {
    this.schedule = schedule;
    this.calendars = schedule.calendars().stream().map(CalendarRule::new).toList();
  }

  public static FireTimes of(Schedule schedule) {
    return new FireTimes(schedule);
  }

  public Schedule schedule() {
    return schedule;
  }

  /**
   * The first nominal fire strictly after {@code after}; empty if the schedule never fires again.
   */
  public Optional<Instant> nextAfter(Instant after) {
    Instant earliest = null;
    for (IntervalSpec interval : schedule.intervals()) {
      earliest = earlier(earliest, interval.nextAfter(after));
    }
    for (CalendarRule calendar : calendars) {
      Optional<Instant> next = calendar.nextAfter(after, schedule.timezone());
      if (next.isPresent()) {
        earliest = earlier(earliest, next.get());
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** Up to {@code count} nominal fires strictly after {@code after}, in order. */
  public List<Instant> next(Instant after, int count) {
    List<Instant> fires = new ArrayList<>();
    Instant cursor = after;
    while (fires.size() < count) {
      Optional<Instant> next = nextAfter(cursor);
      if (next.isEmpty()) {
        break;
      }
      fires.add(next.get());
      cursor = next.get();
    }
    return fires;
  }

  /**
   * The latest nominal fire in {@code (after, upTo]}, found by bisection: a few dozen {@link
   * #nextAfter} calls however many fires the span holds (a month of one-second fires included).
   */
  public Optional<Instant> latestIn(Instant after, Instant upTo) {
    Optional<Instant> first = nextAfter(after);
    if (first.isEmpty() || first.get().isAfter(upTo)) {
      return Optional.empty();
    }
    // Invariant: known is a fire no later than bound, and no fire lies in (bound, upTo].
    Instant known = first.get();
    Instant bound = upTo;
    while (true) {
      Optional<Instant> following = nextAfter(known);
      if (following.isEmpty() || following.get().isAfter(bound)) {
        return Optional.of(known);
      }
      known = following.get();
      Instant middle = known.plus(Duration.between(known, bound).dividedBy(2));
      Optional<Instant> beyondMiddle = nextAfter(middle);
      if (beyondMiddle.isPresent() && !beyondMiddle.get().isAfter(bound)) {
        known = beyondMiddle.get();
      } else {
        bound = middle;
      }
    }
  }

  /**
   * {@code nominal} delayed by a random amount in {@code [0, jitter]} (whole milliseconds), but
   * always before the next nominal fire, so jitter never reorders or merges fires.
   */
  public Instant jittered(Instant nominal, RandomGenerator random) {
    long capMillis = schedule.jitter().toMillis();
    if (capMillis <= 0) {
      return nominal;
    }
    Optional<Instant> next = nextAfter(nominal);
    if (next.isPresent()) {
      capMillis = Math.min(capMillis, Duration.between(nominal, next.get()).toMillis() - 1);
    }
    return capMillis <= 0 ? nominal : nominal.plusMillis(random.nextLong(capMillis + 1));
  }

  /**
   * The nominal fire that a time drawn by {@link #jittered} belongs to ({@code due} itself if no
   * fire precedes it within the jitter): a jittered time lies at most {@code jitter} after its
   * nominal fire and before the next one.
   */
  public Instant nominalOf(Instant due) {
    Instant earliest = due.minus(schedule.jitter()).minusNanos(1);
    return latestIn(earliest, due).orElse(due);
  }

  private static Instant earlier(Instant current, Instant candidate) {
    return current == null || candidate.isBefore(current) ? candidate : current;
  }
}
