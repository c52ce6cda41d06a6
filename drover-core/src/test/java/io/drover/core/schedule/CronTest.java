package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static io.drover.core.schedule.Calendars.range;
import static io.drover.core.schedule.Calendars.union;
import static java.lang.Integer.parseInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTest {
  private static final ValueSet EVERY = ValueSet.every();
  private static final Instant NEW_YEAR_2026 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void fiveFieldsAreMinuteHourDayOfMonthMonthDayOfWeekWithSecondZero() {
    assertThat(Cron.parse("30 9 1 6 3"))
        .isEqualTo(calendar().minute(30).hour(9).dayOfMonth(1).month(6).dayOfWeek(3).build());
  }

  @Test
  void sixFieldsStartWithTheSecond() {
    assertThat(Cron.parse("15 30 9 * * *"))
        .isEqualTo(calendar().second(15).minute(30).hour(9).build());
  }

  @Test
  void starAndQuestionMarkMeanEvery() {
    assertThat(Cron.parse("* * ? * ?")).isEqualTo(calendar().minute(EVERY).hour(EVERY).build());
  }

  @ParameterizedTest(name = "minute ''{0}''")
  @CsvSource(
      delimiter = ';',
      value = {
        "*/15; 0-59/15",
        "10-50/20; 10-50/20",
        "5/10; 5-59/10",
        "7; 7-7/1",
        "1,15,30; 1-1/1 15-15/1 30-30/1",
        "0-4,30-59/10; 0-4/1 30-59/10",
      })
  void minuteFieldForms(String field, String expectedRanges) {
    assertThat(Cron.parse(field + " * * * *").minute()).isEqualTo(ranges(expectedRanges));
  }

  private static ValueSet ranges(String text) {
    return new ValueSet(
        Arrays.stream(text.split(" "))
            .map(range -> range.split("[-/]"))
            .map(p -> new ValueRange(parseInt(p[0]), parseInt(p[1]), parseInt(p[2])))
            .toList());
  }

  @Test
  void monthsByNameOrNumberInAnyCase() {
    assertThat(Cron.parse("0 0 1 JAN,mar-May *").month())
        .isEqualTo(Cron.parse("0 0 1 1,3-5 *").month())
        .isEqualTo(union(ValueSet.of(1), range(3, 5)));
    assertThat(Cron.parse("0 0 1 December *").month()).isEqualTo(ValueSet.of(12));
  }

  @Test
  void daysOfWeekByNameOrNumberWithSevenAsSunday() {
    assertThat(Cron.parse("0 0 * * mon-FRI").dayOfWeek()).isEqualTo(range(1, 5));
    assertThat(Cron.parse("0 0 * * SUN").dayOfWeek()).isEqualTo(ValueSet.of(0));
    assertThat(Cron.parse("0 0 * * 7").dayOfWeek()).isEqualTo(ValueSet.of(0));
    assertThat(Cron.parse("0 0 * * 5-7").dayOfWeek()).isEqualTo(union(range(5, 6), ValueSet.of(0)));
    assertThat(Cron.parse("0 0 * * FRI-SUN").dayOfWeek())
        .isEqualTo(union(range(5, 6), ValueSet.of(0)));
    assertThat(Cron.parse("0 0 * * */2").dayOfWeek()).isEqualTo(range(0, 6, 2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "@yearly, 0 0 1 1 *",
    "@annually, 0 0 1 1 *",
    "@monthly, 0 0 1 * *",
    "@weekly, 0 0 * * 0",
    "@daily, 0 0 * * *",
    "@midnight, 0 0 * * *",
    "@hourly, 0 * * * *",
    "@DAILY, 0 0 * * *",
  })
  void macrosAreShorthandsForFiveFieldExpressions(String macro, String expression) {
    assertThat(Cron.parse(macro)).isEqualTo(Cron.parse(expression));
  }

  @Test
  void hourlyMacroFiresEveryHourOnTheHour() {
    assertThat(FireTimes.of(Calendars.schedule(Cron.parse("@hourly"))).next(NEW_YEAR_2026, 2))
        .containsExactly(
            Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T02:00:00Z"));
  }

  @Test
  void cronFiresLikeTheEquivalentCalendar() {
    CalendarSpec cron = Cron.parse("*/15 9-17 * * MON-FRI");
    CalendarSpec equivalent =
        calendar().minute(range(0, 59, 15)).hour(range(9, 17)).dayOfWeek(range(1, 5)).build();
    assertThat(FireTimes.of(Calendars.schedule(cron)).next(NEW_YEAR_2026, 300))
        .hasSize(300)
        .isEqualTo(FireTimes.of(Calendars.schedule(equivalent)).next(NEW_YEAR_2026, 300));
  }

  @Test
  void dayOfMonthAndDayOfWeekTogetherMeanBothNotEither() {
    assertThat(FireTimes.of(Calendars.schedule(Cron.parse("0 0 13 * FRI"))).next(NEW_YEAR_2026, 2))
        .containsExactly(
            Instant.parse("2026-02-13T00:00:00Z"), Instant.parse("2026-03-13T00:00:00Z"));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = ';',
      value = {
        "0 25 * * *; cron field 2 (hour) '25': expected 0-23",
        "60 0 0 * * *; cron field 1 (second) '60': expected 0-59",
        "0 0 * 13 *; cron field 4 (month) '13': expected 1-12 or JAN-DEC",
        "0 0 * JANUARYX *; cron field 4 (month) 'JANUARYX': expected 1-12 or JAN-DEC",
        "0 0 * * 8; cron field 5 (dayOfWeek) '8': expected 0-7 or SUN-SAT",
        "0 0 0 * *; cron field 3 (dayOfMonth) '0': expected 1-31",
        "0 0 L * *; cron field 3 (dayOfMonth) 'L': expected 1-31 ('L', 'W' and '#' are not"
            + " supported)",
        "0 0 * * 5#2; cron field 5 (dayOfWeek) '5#2': expected 0-7 or SUN-SAT ('L', 'W' and '#' are"
            + " not supported)",
        "*/0 * * * *; cron field 1 (minute) '*/0': expected a step of 1 or more",
        "5-3 * * * *; cron field 1 (minute) '5-3': expected a range whose start is not after its"
            + " end",
        "1,,2 * * * *; cron field 1 (minute) '': expected 0-59",
        "0 -1 * * *; cron field 2 (hour) '-1': expected 0-23",
        "0 0 * *; cron expression '0 0 * *' has 4 fields: expected 5 (minute hour dayOfMonth month"
            + " dayOfWeek) or 6 (second first)",
        "0 0 0 0 * * * *; cron expression '0 0 0 0 * * * *' has 8 fields: expected 5 (minute hour"
            + " dayOfMonth month dayOfWeek) or 6 (second first)",
        "@often; cron macro '@often': expected one of @annually, @daily, @hourly, @midnight,"
            + " @monthly, @weekly, @yearly",
      })
  void errorsNameTheFieldAndWhatWasExpected(String expression, String message) {
    assertThatThrownBy(() -> Cron.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void emptyExpressionIsRejected() {
    assertThatThrownBy(() -> Cron.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 5 or 6 fields");
  }
}
