package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static io.drover.core.schedule.Calendars.range;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImpossibleCalendarTest {

  @Test
  void february30DoesNotExist() {
    assertThat(Schedules.impossibility(calendar().month(2).dayOfMonth(30).build()))
        .contains("February 30 does not exist");
    assertThat(Schedules.impossibility(calendar().month(2).dayOfMonth(30, 31).build()))
        .contains("February 30 and 31 do not exist");
  }

  @Test
  void day31DoesNotExistInThirtyDayMonths() {
    assertThat(Schedules.impossibility(calendar().month(4, 6, 9, 11).dayOfMonth(31).build()))
        .contains("day 31 does not exist in April, June, September or November");
  }

  @Test
  void february29NeedsALeapYear() {
    CalendarSpec leapDay2027 = calendar().month(2).dayOfMonth(29).year(2027).build();
    assertThat(Schedules.impossibility(leapDay2027))
        .contains("February 29 does not exist in year 2027 (no leap year)");
    CalendarSpec leapDay2025To2027 =
        calendar().month(2).dayOfMonth(29).year(range(2025, 2027)).build();
    assertThat(Schedules.impossibility(leapDay2025To2027))
        .contains("February 29 does not exist in years 2025-2027 (no leap year)");
    assertThat(Schedules.impossibility(calendar().month(2).dayOfMonth(29).year(2028).build()))
        .isEmpty();
    assertThat(Schedules.impossibility(calendar().month(2).dayOfMonth(29).build())).isEmpty();
  }

  @Test
  void dayOfWeekThatNeverFallsOnTheChosenDatesIsImpossible() {
    CalendarSpec mondayLeapDay2028 =
        calendar().month(2).dayOfMonth(29).year(2028).dayOfWeek(1).build(); // a Tuesday
    assertThat(Schedules.impossibility(mondayLeapDay2028))
        .contains("no date has dayOfMonth 29, month February, year 2028 and dayOfWeek Monday");
  }

  @Test
  void rareButPossibleCombinationsAreAccepted() {
    assertThat(Schedules.impossibility(calendar().dayOfMonth(13).dayOfWeek(5).build())).isEmpty();
    assertThat(Schedules.impossibility(calendar().month(2).dayOfMonth(29).dayOfWeek(0).build()))
        .isEmpty();
    assertThat(Schedules.impossibility(calendar().dayOfMonth(31).build())).isEmpty();
    assertThat(Schedules.impossibility(calendar().month(2, 3).dayOfMonth(30).build())).isEmpty();
  }

  @Test
  void calendarWhoseYearsHavePassedIsNotImpossible() {
    assertThat(Schedules.impossibility(calendar().year(2020).month(2).dayOfMonth(29).build()))
        .isEmpty();
    assertThat(Schedules.impossibility(calendar().year(1999).build())).isEmpty();
  }

  @Test
  void fieldWithNoValueInItsBoundsIsImpossible() {
    assertThat(Schedules.impossibility(calendar().hour(24, 25).build()))
        .contains("hour has no value in 0-23");
  }

  @Test
  void cronCalendarsAreCheckedToo() {
    assertThat(Schedules.impossibility(Cron.parse("0 0 31 APR,JUN *")))
        .contains("day 31 does not exist in April or June");
    assertThat(Schedules.impossibility(Cron.parse("0 0 30 FEB *")))
        .contains("February 30 does not exist");
  }
}
