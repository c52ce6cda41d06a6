package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.Cron;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendars that need the schedule package: cron strings and impossible dates. */
class CronCalendarsTest {
  private final JobConfigParser parser = TestDocuments.parser();

  private List<Problem> problemsOf(String schedule) {
    String json = "{\"id\": \"j\", \"payload\": [], \"schedule\": " + schedule + "}";
    return catchThrowableOfType(
            InvalidDocumentException.class, () -> parser.parse(json, (i, item) -> {}))
        .problems();
  }

  @Test
  void cronStringsBecomeCalendarsKeepingTheirComment() {
    List<CalendarSpec> calendars =
        parser.parse(TestDocuments.valid("cron.json"), (i, item) -> {}).schedule().calendars();

    CalendarSpec weekdays = Cron.parse("30 9 * * MON-FRI");
    assertThat(calendars)
        .containsExactly(
            new CalendarSpec(
                weekdays.second(),
                weekdays.minute(),
                weekdays.hour(),
                weekdays.dayOfMonth(),
                weekdays.month(),
                weekdays.year(),
                weekdays.dayOfWeek(),
                "weekday mornings"),
            Cron.parse("0 */15 * * * *"),
            Cron.parse("0 0 1 * *"));
  }

  @Test
  void badCronStringIsAProblemAtItsPath() {
    assertThat(problemsOf("{\"cron\": [\"0 0 1 * *\", \"61 * * * *\"]}"))
        .extracting(Problem::path)
        .containsExactly("$.schedule.cron[1]");
    assertThat(problemsOf("{\"calendars\": [{\"cron\": \"* * *\"}]}"))
        .extracting(Problem::path)
        .containsExactly("$.schedule.calendars[0].cron");
  }

  @Test
  void calendarThatCanNeverFireIsAProblemAtTheCalendar() {
    assertThat(
            problemsOf(
                "{\"calendars\": [{\"hour\": 9}, {\"dayOfMonth\": 30, \"month\": \"FEB\"}]}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("$.schedule.calendars[1]");
              assertThat(p.expected()).startsWith("a calendar that can fire");
            });
  }
}
