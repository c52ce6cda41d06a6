package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class JitterTest {
  private static final Instant NOMINAL = Instant.parse("2026-03-01T09:00:00Z");

  /** Always draws the largest value allowed: the worst case for the cap. */
  private static final RandomGenerator LARGEST =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  private static FireTimes hourly(Duration jitter) {
    return FireTimes.of(
        new Schedule(
            List.of(IntervalSpec.every(Duration.ofHours(1))), List.of(), jitter, null, null));
  }

  @Test
  void withoutJitterTheFireIsNominal() {
    assertThat(hourly(Duration.ZERO).jittered(NOMINAL, LARGEST)).isEqualTo(NOMINAL);
  }

  @Test
  void jitterDelaysByAtMostItsValue() {
    FireTimes times = hourly(Duration.ofMinutes(2));
    RandomGenerator random = new SplittableRandom(42);
    List<Duration> delays =
        java.util.stream.IntStream.range(0, 1000)
            .mapToObj(i -> Duration.between(NOMINAL, times.jittered(NOMINAL, random)))
            .toList();
    assertThat(delays)
        .allSatisfy(delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofMinutes(2)));
    assertThat(delays.stream().distinct().count())
        .as("delays are spread, not constant")
        .isGreaterThan(900);
    assertThat(times.jittered(NOMINAL, LARGEST)).isEqualTo(NOMINAL.plus(Duration.ofMinutes(2)));
  }

  @Test
  void jitterNeverReachesTheNextNominalFire() {
    Schedule everyMinute =
        new Schedule(
            List.of(),
            List.of(calendar().minute(ValueSet.every()).hour(ValueSet.every()).build()),
            Duration.ofMinutes(5),
            null,
            null);
    Instant jittered = FireTimes.of(everyMinute).jittered(NOMINAL, LARGEST);
    assertThat(jittered).isBefore(NOMINAL.plusSeconds(60)).isAfter(NOMINAL.plusSeconds(59));
  }

  @Test
  void jitterIsCappedByTheNearestSpecOfAUnion() {
    Schedule union =
        new Schedule(
            List.of(IntervalSpec.every(Duration.ofHours(1))),
            List.of(calendar().hour(9).minute(0).second(10).build()),
            Duration.ofMinutes(10),
            null,
            null);
    assertThat(FireTimes.of(union).jittered(NOMINAL, LARGEST)).isEqualTo(NOMINAL.plusMillis(9_999));
  }

  @Test
  void lastFireOfAnEndedScheduleGetsTheFullJitter() {
    Schedule once =
        new Schedule(
            List.of(),
            List.of(calendar().year(2026).month(3).dayOfMonth(1).hour(9).build()),
            Duration.ofMinutes(3),
            null,
            null);
    assertThat(FireTimes.of(once).jittered(NOMINAL, LARGEST)).isEqualTo(NOMINAL.plusSeconds(180));
  }
}
