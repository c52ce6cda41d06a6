package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static io.drover.core.schedule.Calendars.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireTimesTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Schedule schedule(List<IntervalSpec> intervals, List<CalendarSpec> calendars) {
    return new Schedule(intervals, calendars, Duration.ZERO, PARIS, null);
  }

  private static Schedule every(Duration every, Duration offset) {
    return schedule(List.of(new IntervalSpec(every, offset)), List.of());
  }

  @Test
  void intervalFiresAlignedToTheEpochNotToTheQueryTime() {
    FireTimes halfHourly = FireTimes.of(every(Duration.ofMinutes(30), Duration.ZERO));
    assertThat(halfHourly.next(Instant.parse("2026-05-05T10:07:13Z"), 3))
        .containsExactly(
            Instant.parse("2026-05-05T10:30:00Z"),
            Instant.parse("2026-05-05T11:00:00Z"),
            Instant.parse("2026-05-05T11:30:00Z"));
  }

  @Test
  void intervalOffsetShiftsEveryFire() {
    FireTimes hourlyAtQuarterPast =
        FireTimes.of(every(Duration.ofHours(1), Duration.ofMinutes(15)));
    assertThat(hourlyAtQuarterPast.next(Instant.parse("2026-05-05T10:15:00Z"), 2))
        .containsExactly(
            Instant.parse("2026-05-05T11:15:00Z"), Instant.parse("2026-05-05T12:15:00Z"));
  }

  @Test
  void weeklyIntervalFiresOnThursdaysBecauseTheEpochWasAThursday() {
    FireTimes weekly = FireTimes.of(every(Duration.ofDays(7), Duration.ZERO));
    assertThat(weekly.nextAfter(Instant.parse("2026-01-02T00:00:00Z")))
        .contains(Instant.parse("2026-01-08T00:00:00Z"));
  }

  @Test
  void intervalWorksBeforeTheEpochToo() {
    FireTimes daily = FireTimes.of(every(Duration.ofDays(1), Duration.ofHours(6)));
    assertThat(daily.next(Instant.parse("1969-12-30T07:00:00Z"), 2))
        .containsExactly(
            Instant.parse("1969-12-31T06:00:00Z"), Instant.parse("1970-01-01T06:00:00Z"));
    assertThat(daily.nextAfter(Instant.parse("1969-12-31T06:00:00Z")))
        .contains(Instant.parse("1970-01-01T06:00:00Z"));
  }

  @Test
  void intervalIgnoresDaylightSavingTime() {
    FireTimes hourly = FireTimes.of(every(Duration.ofHours(1), Duration.ZERO));
    List<Instant> acrossSpringForward = hourly.next(Instant.parse("2026-03-29T00:00:00Z"), 3);
    assertThat(acrossSpringForward)
        .containsExactly(
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-03-29T02:00:00Z"),
            Instant.parse("2026-03-29T03:00:00Z"));
  }

  @Test
  void subSecondIntervalsKeepTheirPrecision() {
    FireTimes halfSeconds = FireTimes.of(every(Duration.ofMillis(500), Duration.ZERO));
    assertThat(halfSeconds.next(Instant.parse("2026-01-01T00:00:00.200Z"), 2))
        .containsExactly(
            Instant.parse("2026-01-01T00:00:00.500Z"), Instant.parse("2026-01-01T00:00:01Z"));
  }

  @Test
  void intervalMustBePositive() {
    assertThatThrownBy(() -> new IntervalSpec(Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void unionFiresAtTheEarliestOfAllSpecs() {
    Schedule mixed =
        schedule(
            List.of(new IntervalSpec(Duration.ofHours(6), Duration.ofHours(1))),
            List.of(calendar().hour(9).minute(30).build(), calendar().hour(12).minute(45).build()));
    // 06:00Z = 07:00 Paris (winter), 12:00Z = 13:00; 09:30 Paris = 08:30Z; 12:45 Paris = 11:45Z
    assertThat(FireTimes.of(mixed).next(Instant.parse("2026-01-05T06:30:00Z"), 4))
        .containsExactly(
            Instant.parse("2026-01-05T07:00:00Z"),
            Instant.parse("2026-01-05T08:30:00Z"),
            Instant.parse("2026-01-05T11:45:00Z"),
            Instant.parse("2026-01-05T13:00:00Z"));
  }

  @Test
  void timeProducedBySeveralSpecsFiresOnce() {
    Schedule overlapping =
        schedule(
            List.of(IntervalSpec.every(Duration.ofHours(1))),
            List.of(
                calendar().hour(ValueSet.every()).build(),
                calendar().hour(ValueSet.every()).minute(range(0, 30, 30)).build()));
    assertThat(FireTimes.of(overlapping).next(Instant.parse("2026-01-05T06:00:00Z"), 4))
        .containsExactly(
            Instant.parse("2026-01-05T06:30:00Z"),
            Instant.parse("2026-01-05T07:00:00Z"),
            Instant.parse("2026-01-05T07:30:00Z"),
            Instant.parse("2026-01-05T08:00:00Z"));
  }

  @Test
  void nextStopsEarlyWhenTheScheduleEnds() {
    Schedule twice =
        schedule(List.of(), List.of(calendar().year(2026).month(1).dayOfMonth(1, 2).build()));
    assertThat(FireTimes.of(twice).next(Instant.parse("2025-06-01T00:00:00Z"), 10)).hasSize(2);
  }

  @Test
  void emptyScheduleNeverFires() {
    assertThat(FireTimes.of(schedule(List.of(), List.of())).nextAfter(Instant.EPOCH)).isEmpty();
  }

  @Test
  void latestInFindsTheLastFireOfAMonthOfSecondsByBisection() {
    FireTimes everySecond = FireTimes.of(every(Duration.ofSeconds(1), Duration.ZERO));
    Instant upTo = Instant.parse("2026-01-31T12:34:56.789Z");
    assertThat(everySecond.latestIn(Instant.parse("2026-01-01T00:00:00Z"), upTo))
        .contains(Instant.parse("2026-01-31T12:34:56Z"));
  }

  @Test
  void latestInHandlesDenseFiresFollowedByALongGap() {
    CalendarSpec everySecondOfJanuary =
        calendar()
            .month(1)
            .second(ValueSet.every())
            .minute(ValueSet.every())
            .hour(ValueSet.every())
            .build();
    FireTimes january =
        FireTimes.of(new Schedule(List.of(), List.of(everySecondOfJanuary), null, null, null));
    assertThat(
            january.latestIn(
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-25T00:00:00Z")))
        .contains(Instant.parse("2026-01-31T23:59:59Z"));
  }

  @Test
  void latestInIsEmptyWhenNoFireLiesInTheSpan() {
    FireTimes hourly = FireTimes.of(every(Duration.ofHours(1), Duration.ZERO));
    assertThat(
            hourly.latestIn(
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:59:59Z")))
        .isEmpty();
    assertThat(
            hourly.latestIn(
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:00:00Z")))
        .contains(Instant.parse("2026-01-01T11:00:00Z"));
  }
}
