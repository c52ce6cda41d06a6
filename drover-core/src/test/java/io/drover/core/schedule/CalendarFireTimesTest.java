package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static io.drover.core.schedule.Calendars.range;
import static io.drover.core.schedule.Calendars.schedule;
import static io.drover.core.schedule.Calendars.union;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarFireTimesTest {
  private static final Instant NEW_YEAR_2026 = Instant.parse("2026-01-01T00:00:00Z"); // Thursday

  private static List<Instant> next(CalendarSpec calendar, Instant after, int count) {
    return FireTimes.of(schedule(calendar)).next(after, count);
  }

  private static List<Instant> instants(String... texts) {
    return java.util.Arrays.stream(texts).map(Instant::parse).toList();
  }

  @Test
  void singleValuesFireOncePerDayAtThatTime() {
    assertThat(next(calendar().hour(9).minute(30).build(), NEW_YEAR_2026, 3))
        .isEqualTo(
            instants("2026-01-01T09:30:00Z", "2026-01-02T09:30:00Z", "2026-01-03T09:30:00Z"));
  }

  @Test
  void omittedTimeFieldsMeanMidnight() {
    assertThat(next(calendar().dayOfMonth(1).build(), NEW_YEAR_2026, 2))
        .isEqualTo(instants("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
  }

  @Test
  void everyValueOfEveryTimeFieldFiresEachSecond() {
    CalendarSpec everySecond =
        calendar().second(ValueSet.every()).minute(ValueSet.every()).hour(ValueSet.every()).build();
    assertThat(next(everySecond, Instant.parse("2026-01-01T23:59:58.5Z"), 3))
        .isEqualTo(
            instants("2026-01-01T23:59:59Z", "2026-01-02T00:00:00Z", "2026-01-02T00:00:01Z"));
  }

  @Test
  void nextIsStrictlyAfterTheGivenInstant() {
    CalendarSpec nineOClock = calendar().hour(9).build();
    assertThat(next(nineOClock, Instant.parse("2026-01-01T09:00:00Z"), 1))
        .containsExactly(Instant.parse("2026-01-02T09:00:00Z"));
    assertThat(next(nineOClock, Instant.parse("2026-01-01T08:59:59.999Z"), 1))
        .containsExactly(Instant.parse("2026-01-01T09:00:00Z"));
  }

  @Test
  void steppedRangeFiresAtEachStep() {
    CalendarSpec quarterHours = calendar().hour(ValueSet.every()).minute(range(0, 59, 15)).build();
    assertThat(next(quarterHours, NEW_YEAR_2026, 5))
        .isEqualTo(
            instants(
                "2026-01-01T00:15:00Z",
                "2026-01-01T00:30:00Z",
                "2026-01-01T00:45:00Z",
                "2026-01-01T01:00:00Z",
                "2026-01-01T01:15:00Z"));
  }

  @Test
  void steppedRangeStopsAtItsEndEvenWhenTheStepDoesNotLandOnIt() {
    CalendarSpec calendar = calendar().hour(9).minute(range(10, 55, 20)).build();
    assertThat(next(calendar, NEW_YEAR_2026, 4))
        .isEqualTo(
            instants(
                "2026-01-01T09:10:00Z",
                "2026-01-01T09:30:00Z",
                "2026-01-01T09:50:00Z",
                "2026-01-02T09:10:00Z"));
  }

  @Test
  void arrayOfValuesAndRangesFiresAtTheirUnion() {
    CalendarSpec calendar = calendar().hour(union(ValueSet.of(9), range(12, 13))).build();
    assertThat(next(calendar, NEW_YEAR_2026, 4))
        .isEqualTo(
            instants(
                "2026-01-01T09:00:00Z",
                "2026-01-01T12:00:00Z",
                "2026-01-01T13:00:00Z",
                "2026-01-02T09:00:00Z"));
  }

  @Test
  void dayOfWeekRangeSkipsWeekends() {
    CalendarSpec weekdays = calendar().hour(9).dayOfWeek(range(1, 5)).build();
    assertThat(next(weekdays, Instant.parse("2026-01-02T10:00:00Z"), 2)) // Friday, after 9:00
        .isEqualTo(instants("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekMustBothMatch() {
    CalendarSpec fridayThe13th = calendar().dayOfMonth(13).dayOfWeek(5).build();
    assertThat(next(fridayThe13th, NEW_YEAR_2026, 3))
        .isEqualTo(
            instants("2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z", "2026-11-13T00:00:00Z"));
  }

  @Test
  void dayThirtyOneFiresOnlyInMonthsThatHaveIt() {
    assertThat(next(calendar().dayOfMonth(31).build(), NEW_YEAR_2026, 3))
        .isEqualTo(
            instants("2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z"));
  }

  @Test
  void february29FiresOnlyInLeapYears() {
    CalendarSpec leapDay = calendar().month(2).dayOfMonth(29).build();
    assertThat(next(leapDay, NEW_YEAR_2026, 3))
        .isEqualTo(
            instants("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"));
    assertThat(next(leapDay, Instant.parse("2096-03-01T00:00:00Z"), 1))
        .as("2100 is not a leap year")
        .containsExactly(Instant.parse("2104-02-29T00:00:00Z"));
  }

  @Test
  void yearBoundedCalendarHasNoFireOnceItsLastYearHasPassed() {
    CalendarSpec only2025 = calendar().year(2025).dayOfMonth(1).build();
    assertThat(next(only2025, Instant.parse("2025-11-15T00:00:00Z"), 5))
        .isEqualTo(instants("2025-12-01T00:00:00Z"));
    assertThat(FireTimes.of(schedule(only2025)).nextAfter(NEW_YEAR_2026)).isEmpty();
  }

  @Test
  void farFutureYearIsReachedByJumpingNotStepping() {
    CalendarSpec year9000 =
        calendar().year(9000).month(12).dayOfMonth(31).hour(23).minute(59).second(59).build();
    List<Instant> fires =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> next(year9000, NEW_YEAR_2026, 2));
    assertThat(fires).containsExactly(Instant.parse("9000-12-31T23:59:59Z"));
  }

  @Test
  void calendarThatCanNeverFireEndsTheSearchQuickly() {
    CalendarSpec february30 = calendar().month(2).dayOfMonth(30).build();
    List<Instant> fires =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> next(february30, NEW_YEAR_2026, 1));
    assertThat(fires).isEmpty();
  }

  @Test
  void valuesOutsideAFieldsBoundsNeverMatch() {
    assertThat(next(calendar().hour(24).build(), NEW_YEAR_2026, 1)).isEmpty();
  }

  @Test
  void calendarReadsLocalTimeInTheSchedulesZone() {
    Schedule paris = schedule(ZoneId.of("Europe/Paris"), calendar().hour(9).build());
    assertThat(FireTimes.of(paris).nextAfter(NEW_YEAR_2026))
        .contains(Instant.parse("2026-01-01T08:00:00Z"));
    assertThat(FireTimes.of(paris).nextAfter(Instant.parse("2026-07-01T00:00:00Z")))
        .contains(Instant.parse("2026-07-01T07:00:00Z"));
  }

  @Test
  void lastSecondOfTheSupportedRangeStillFires() {
    CalendarSpec newYearsEve = calendar().month(12).dayOfMonth(31).hour(23).build();
    assertThat(next(newYearsEve, Instant.parse("9999-06-01T00:00:00Z"), 2))
        .containsExactly(Instant.parse("9999-12-31T23:00:00Z"));
    assertThat(next(newYearsEve, Instant.MAX, 1)).isEmpty();
    assertThat(next(newYearsEve, Instant.MIN, 1)).hasSize(1);
  }
}
