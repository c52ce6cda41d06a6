package io.drover.core.schedule;

import static io.drover.core.schedule.Calendars.calendar;
import static io.drover.core.schedule.Calendars.range;
import static io.drover.core.schedule.Calendars.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A local time skipped by a DST gap does not fire; one repeated by an overlap fires once, at its
 * first (earlier) instant. Transitions of 2026 used here: Paris gap 03-29 02:00-03:00, overlap
 * 10-25 02:00-03:00; New York gap 03-08 02:00-03:00, overlap 11-01 01:00-02:00; Sydney overlap
 * 04-05 02:00-03:00, gap 10-04 02:00-03:00; Santiago overlap 04-04 23:00-24:00, gap 09-06
 * 00:00-01:00; Lord Howe (half-hour shifts) overlap 04-05 01:30-02:00, gap 10-04 02:00-02:30.
 */
class DaylightSavingTest {
  private static final CalendarSpec DAILY_AT_0230 = calendar().hour(2).minute(30).build();

  private static List<Instant> next(String zone, CalendarSpec calendar, String after, int count) {
    return FireTimes.of(schedule(ZoneId.of(zone), calendar)).next(Instant.parse(after), count);
  }

  private static List<Instant> instants(String... texts) {
    return Arrays.stream(texts).map(Instant::parse).toList();
  }

  @Test
  void parisSkipsTheLocalTimeThatSpringForwardRemoves() {
    assertThat(next("Europe/Paris", DAILY_AT_0230, "2026-03-27T12:00:00Z", 3))
        .isEqualTo(
            instants(
                "2026-03-28T01:30:00Z", // 02:30 CET
                "2026-03-30T00:30:00Z", // 02:30 CEST; none on the 29th
                "2026-03-31T00:30:00Z"));
  }

  @Test
  void parisFiresOnceForTheLocalTimeThatFallBackRepeats() {
    assertThat(next("Europe/Paris", DAILY_AT_0230, "2026-10-24T12:00:00Z", 2))
        .isEqualTo(
            instants(
                "2026-10-25T00:30:00Z", // 02:30 CEST, the first pass; not 01:30Z (02:30 CET)
                "2026-10-26T01:30:00Z"));
  }

  @Test
  void parisHalfHourlyAcrossFallBackSkipsTheSecondPassOfTheRepeatedHour() {
    CalendarSpec halfHourly = calendar().hour(ValueSet.every()).minute(range(0, 30, 30)).build();
    assertThat(next("Europe/Paris", halfHourly, "2026-10-24T23:00:00Z", 5))
        .isEqualTo(
            instants(
                "2026-10-24T23:30:00Z", // 01:30 CEST
                "2026-10-25T00:00:00Z", // 02:00 CEST
                "2026-10-25T00:30:00Z", // 02:30 CEST
                "2026-10-25T02:00:00Z", // 03:00 CET: 02:00 and 02:30 CET already fired
                "2026-10-25T02:30:00Z"));
  }

  @Test
  void searchStartingInsideTheSecondPassOfAnOverlapDoesNotFireAgain() {
    CalendarSpec halfHourly = calendar().hour(ValueSet.every()).minute(range(0, 30, 30)).build();
    assertThat(next("Europe/Paris", halfHourly, "2026-10-25T01:10:00Z", 1)) // 02:10 CET
        .isEqualTo(instants("2026-10-25T02:00:00Z"));
    assertThat(next("Europe/Paris", halfHourly, "2026-10-25T00:10:00Z", 1)) // 02:10 CEST
        .isEqualTo(instants("2026-10-25T00:30:00Z"));
  }

  @Test
  void everySecondOfTheSpringForwardHourJumpsTheGap() {
    CalendarSpec everySecond =
        calendar().second(ValueSet.every()).minute(ValueSet.every()).hour(range(1, 3)).build();
    assertThat(next("Europe/Paris", everySecond, "2026-03-29T00:59:58Z", 3)) // 01:59:58 CET
        .isEqualTo(
            instants(
                "2026-03-29T00:59:59Z", // 01:59:59 CET
                "2026-03-29T01:00:00Z", // 03:00:00 CEST
                "2026-03-29T01:00:01Z"));
  }

  @Test
  void newYorkSkipsTheGapAndFiresOnceInTheOverlap() {
    CalendarSpec dailyAt0130 = calendar().hour(1).minute(30).build();
    assertThat(next("America/New_York", dailyAt0130, "2026-10-31T12:00:00Z", 2))
        .isEqualTo(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")); // EDT, then EST
    assertThat(next("America/New_York", DAILY_AT_0230, "2026-03-07T12:00:00Z", 2))
        .isEqualTo(instants("2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"));
  }

  @Test
  void sydneyFiresOnceInTheAprilOverlapAndSkipsTheOctoberGap() {
    assertThat(next("Australia/Sydney", DAILY_AT_0230, "2026-04-04T00:00:00Z", 2))
        .isEqualTo(
            instants(
                "2026-04-04T15:30:00Z", // 02:30 AEDT on the 5th; not 16:30Z (02:30 AEST)
                "2026-04-05T16:30:00Z"));
    assertThat(next("Australia/Sydney", DAILY_AT_0230, "2026-10-02T00:00:00Z", 2))
        .isEqualTo(
            instants(
                "2026-10-02T16:30:00Z", // 02:30 AEST on the 3rd
                "2026-10-04T15:30:00Z")); // 02:30 AEDT on the 5th; none on the 4th
  }

  @Test
  void santiagoSkipsMidnightOnTheDayItSpringsForward() {
    CalendarSpec midnight = calendar().build();
    assertThat(next("America/Santiago", midnight, "2026-09-04T12:00:00Z", 2))
        .isEqualTo(
            instants(
                "2026-09-05T04:00:00Z", // 00:00 -04 on the 5th
                "2026-09-07T03:00:00Z")); // 00:00 -03 on the 7th; the 6th starts at 01:00
  }

  @Test
  void santiagoFiresOnceForTheRepeatedLateEveningHour() {
    CalendarSpec at2330 = calendar().hour(23).minute(30).build();
    assertThat(next("America/Santiago", at2330, "2026-04-04T12:00:00Z", 2))
        .isEqualTo(
            instants(
                "2026-04-05T02:30:00Z", // 23:30 -03; not 03:30Z (23:30 -04)
                "2026-04-06T03:30:00Z"));
  }

  @Test
  void lordHoweHandlesHalfHourShifts() {
    CalendarSpec quarterHours = calendar().hour(ValueSet.every()).minute(range(0, 45, 15)).build();
    assertThat(next("Australia/Lord_Howe", quarterHours, "2026-10-03T15:10:00Z", 4))
        .isEqualTo(
            instants(
                "2026-10-03T15:15:00Z", // 01:45 +10:30
                "2026-10-03T15:30:00Z", // 02:30 +11: 02:00 and 02:15 do not exist
                "2026-10-03T15:45:00Z",
                "2026-10-03T16:00:00Z"));
    assertThat(next("Australia/Lord_Howe", quarterHours, "2026-04-04T14:10:00Z", 4))
        .isEqualTo(
            instants(
                "2026-04-04T14:15:00Z", // 01:15 +11
                "2026-04-04T14:30:00Z", // 01:30 +11
                "2026-04-04T14:45:00Z", // 01:45 +11; 01:30 and 01:45 +10:30 already fired
                "2026-04-04T15:30:00Z")); // 02:00 +10:30
  }
}
