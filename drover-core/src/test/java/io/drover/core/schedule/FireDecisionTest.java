package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.schedule.FireDecision.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class FireDecisionTest {
  private static final RandomGenerator RANDOM = new SplittableRandom(7);

  private static FireTimes hourly(Duration jitter, Duration catchupWindow) {
    return FireTimes.of(
        new Schedule(
            List.of(IntervalSpec.every(Duration.ofHours(1))),
            List.of(),
            jitter,
            null,
            catchupWindow));
  }

  private static final FireTimes HOURLY = hourly(Duration.ZERO, null);

  private static Instant at(String time) {
    return Instant.parse("2026-06-01T" + time + "Z");
  }

  private static FireDecision decide(FireTimes times, String stored, String now) {
    return FireDecision.decide(times, at(stored), at(now), RANDOM);
  }

  @Test
  void futureFireIsNotDueAndKeepsItsTime() {
    FireDecision decision = decide(HOURLY, "10:00:00", "09:59:59.999");
    assertThat(decision.kind()).isEqualTo(Kind.NOT_DUE);
    assertThat(decision.fires()).isFalse();
    assertThat(decision.nextFireAt()).isEqualTo(at("10:00:00"));
  }

  @Test
  void fireDueExactlyNowFiresAndMovesToTheFollowingOne() {
    assertThat(decide(HOURLY, "10:00:00", "10:00:00"))
        .isEqualTo(new FireDecision(Kind.FIRE, at("10:00:00"), at("11:00:00")));
  }

  @Test
  void fireAFewSecondsLateIsStillOnTimeEvenWithoutACatchUpWindow() {
    FireTimes noCatchUp = hourly(Duration.ZERO, Duration.ZERO);
    assertThat(decide(noCatchUp, "10:00:00", "10:00:04"))
        .isEqualTo(new FireDecision(Kind.FIRE, at("10:00:00"), at("11:00:00")));
    assertThat(decide(noCatchUp, "10:00:00", "10:00:06").kind()).isEqualTo(Kind.SKIP);
  }

  @Test
  void lateFireWithinTheCatchUpWindowIsCaughtUp() {
    assertThat(decide(HOURLY, "10:00:00", "10:00:40"))
        .isEqualTo(new FireDecision(Kind.CATCH_UP, at("10:00:00"), at("11:00:00")));
  }

  @Test
  void missedFiresCollapseIntoOneCatchUpForTheLatest() {
    FireDecision decision = decide(HOURLY, "07:00:00", "12:00:30");
    assertThat(decision).isEqualTo(new FireDecision(Kind.CATCH_UP, at("12:00:00"), at("13:00:00")));
    assertThat(decision.fires()).isTrue();
  }

  @Test
  void missedFiresOlderThanTheWindowAreSkipped() {
    FireDecision decision = decide(HOURLY, "07:00:00", "12:05:00");
    assertThat(decision).isEqualTo(new FireDecision(Kind.SKIP, at("12:00:00"), at("13:00:00")));
    assertThat(decision.fires()).isFalse();
  }

  @Test
  void catchUpWindowIsConfigurable() {
    FireTimes tenMinutes = hourly(Duration.ZERO, Duration.ofMinutes(10));
    assertThat(decide(tenMinutes, "07:00:00", "12:05:00").kind()).isEqualTo(Kind.CATCH_UP);
    assertThat(decide(tenMinutes, "07:00:00", "12:10:01").kind()).isEqualTo(Kind.SKIP);
  }

  @Test
  void catchUpNeverBursts() {
    Instant now = at("12:00:30");
    FireDecision first = FireDecision.decide(HOURLY, at("07:00:00"), now, RANDOM);
    FireDecision second = FireDecision.decide(HOURLY, first.nextFireAt(), now, RANDOM);
    assertThat(first.fires()).isTrue();
    assertThat(second.kind()).isEqualTo(Kind.NOT_DUE);
  }

  @Test
  void monthOfMissedSecondsIsDecidedWithoutWalkingThem() {
    FireTimes everySecond =
        FireTimes.of(
            new Schedule(
                List.of(IntervalSpec.every(Duration.ofSeconds(1))), List.of(), null, null, null));
    FireDecision decision =
        FireDecision.decide(
            everySecond,
            Instant.parse("2026-05-01T00:00:00Z"),
            Instant.parse("2026-06-01T00:00:00.500Z"),
            RANDOM);
    assertThat(decision)
        .isEqualTo(
            new FireDecision(
                Kind.CATCH_UP,
                Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:01Z")));
  }

  @Test
  void lastFireOfAnEndedScheduleLeavesNoNextFire() {
    FireTimes once =
        FireTimes.of(
            Calendars.schedule(calendar().year(2026).month(6).dayOfMonth(1).hour(10).build()));
    assertThat(decide(once, "10:00:00", "10:00:01"))
        .isEqualTo(new FireDecision(Kind.FIRE, at("10:00:00"), null));
  }

  @Test
  void jitteredStoredTimeFiresOnTimeAndReportsItsNominalFire() {
    FireTimes jittered = hourly(Duration.ofMinutes(2), null);
    FireDecision decision = decide(jittered, "10:01:30", "10:01:30.200");
    assertThat(decision.kind()).isEqualTo(Kind.FIRE);
    assertThat(decision.nominal()).isEqualTo(at("10:00:00"));
    assertThat(decision.nextFireAt()).isBetween(at("11:00:00"), at("11:02:00"));
  }

  @Test
  void aFireDecidedAheadIsWhatDecideSaysAtEveryMomentItHolds() {
    List<FireTimes> schedules =
        List.of(
            HOURLY,
            hourly(Duration.ofMinutes(2), null),
            FireTimes.of(
                new Schedule(
                    List.of(IntervalSpec.every(Duration.ofSeconds(2))),
                    List.of(),
                    Duration.ofMillis(700),
                    null,
                    null)),
            FireTimes.of(Calendars.schedule(calendar().minute(0, 30).second(0, 1).build())),
            FireTimes.of(
                Calendars.schedule(calendar().year(2026).month(6).dayOfMonth(1).hour(10).build())));
    SplittableRandom pick = new SplittableRandom(11);
    int held = 0;
    int lapsed = 0;
    for (FireTimes times : schedules) {
      Instant stored = times.jittered(times.nextAfter(at("09:59:58")).orElseThrow(), RANDOM);
      for (int i = 0; i < 400; i++) {
        long seed = pick.nextLong();
        FireDecision.Ahead ahead = FireDecision.ahead(times, stored, new SplittableRandom(seed));
        Instant now = stored.plusMillis(pick.nextLong(8_000));
        if (ahead.holdsAt(now)) {
          held++;
          assertThat(ahead.decision())
              .as("decided ahead for %s, now %s", stored, now)
              .isEqualTo(FireDecision.decide(times, stored, now, new SplittableRandom(seed)));
        } else {
          lapsed++;
          // Past the tolerance or a missed fire: the scheduler decides at the instant instead.
          assertThat(FireDecision.decide(times, stored, now, RANDOM).kind())
              .as("decided at %s for %s", now, stored)
              .isNotEqualTo(Kind.FIRE);
        }
      }
      assertThat(ahead(times, stored).holdsAt(stored.minusMillis(1))).isFalse();
    }
    assertThat(held).isGreaterThan(500);
    assertThat(lapsed).isGreaterThan(300);
  }

  private static FireDecision.Ahead ahead(FireTimes times, Instant stored) {
    return FireDecision.ahead(times, stored, RANDOM);
  }
}
