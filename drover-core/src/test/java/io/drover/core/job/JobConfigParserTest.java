package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drover.core.schedule.CalendarSpec;
import io.drover.core.schedule.IntervalSpec;
import io.drover.core.schedule.Schedule;
import io.drover.core.schedule.ValueRange;
import io.drover.core.schedule.ValueSet;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobConfigParserTest {
  private final JobConfigParser parser = TestDocuments.parser();

  /** A parsed document and the payload items its listener received, by index. */
  record Parsed(JobConfig config, List<PayloadItemConfig> items, List<Long> indexes) {}

  private Parsed parse(String json) {
    List<PayloadItemConfig> items = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    JobConfig config =
        parser.parse(
            json,
            (index, item) -> {
              indexes.add(index);
              items.add(item);
            });
    return new Parsed(config, items, indexes);
  }

  private List<Problem> problemsOf(String json) {
    return catchThrowableOfType(
            InvalidDocumentException.class, () -> parser.parse(json, (i, item) -> {}))
        .problems();
  }

  @Test
  void specExampleParsesToItsConfiguration() {
    Parsed parsed = parse(TestDocuments.valid("spec-example.json"));

    JobConfig config = parsed.config();
    assertThat(config.id()).isEqualTo("shop-catalog");
    assertThat(config.configuration()).isEqualTo(new Configuration(3, 4, 600));
    Schedule schedule = config.schedule();
    assertThat(schedule.intervals())
        .containsExactly(new IntervalSpec(Duration.ofHours(1), Duration.ZERO));
    assertThat(schedule.calendars())
        .containsExactly(
            new CalendarSpec(
                ValueSet.of(0),
                ValueSet.of(30),
                ValueSet.of(9),
                ValueSet.of(1),
                ValueSet.every(),
                ValueSet.every(),
                ValueSet.every(),
                null),
            new CalendarSpec(
                ValueSet.of(0),
                ValueSet.of(0),
                new ValueSet(List.of(new ValueRange(9, 17, 1))),
                ValueSet.every(),
                ValueSet.every(),
                ValueSet.every(),
                ValueSet.of(1, 5),
                null));
    assertThat(schedule.jitter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(schedule.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(schedule.catchupWindow()).isEqualTo(Schedule.DEFAULT_CATCHUP_WINDOW);
    assertThat(config.sink())
        .isEqualTo(
            new SinkConfig.Webhook(
                "https://example.test/hook",
                Map.of("Authorization", "Bearer ..."),
                null,
                false,
                null));
    assertThat(config.authSession()).isEqualTo(new AuthSessionRef("shop-account", 3, 3));
    assertThat(parsed.indexes()).containsExactly(0L, 1L);
    assertThat(parsed.items().get(0).apiName()).isEqualTo("list");
    assertThat(parsed.items().get(0).parameters().get("category").textValue()).isEqualTo("books");
    assertThat(parsed.items().get(0).maximumAttempts()).isNull();
    assertThat(parsed.items().get(0).requestTimeout()).isNull();
    assertThat(parsed.items().get(1))
        .extracting(
            PayloadItemConfig::apiName,
            PayloadItemConfig::maximumAttempts,
            PayloadItemConfig::requestTimeout)
        .containsExactly("details", 5, 120);
  }

  @Test
  void hostedProductSpellingsMeanTheSameAsTheCanonicalOnes() {
    Parsed canonical = parse(TestDocuments.valid("spec-example.json"));
    Parsed hosted = parse(TestDocuments.valid("spec-example-hosted-spellings.json"));

    assertThat(hosted.config()).isEqualTo(canonical.config());
    assertThat(hosted.items()).isEqualTo(canonical.items());
  }

  @Test
  void minimalDocumentGetsTheDefaults() {
    Parsed parsed = parse(TestDocuments.valid("minimal.json"));

    assertThat(parsed.config())
        .isEqualTo(new JobConfig("nightly_run-1", Configuration.defaults(), null, null, null));
    assertThat(parsed.items()).isEmpty();
  }

  @Test
  void nullForAnOptionalFieldMeansAbsent() {
    Parsed parsed = parse(TestDocuments.valid("nulls-for-optional-fields.json"));

    assertThat(parsed.config())
        .isEqualTo(new JobConfig("nulls", Configuration.defaults(), null, null, null));
    PayloadItemConfig item = parsed.items().get(0);
    assertThat(item.parameters().isEmpty()).isTrue();
    assertThat(item.maximumAttempts()).isNull();
    assertThat(item.requestTimeout()).isNull();
  }

  @Test
  void calendarFieldsTakeValuesRangesNamesWildcardsAndArrays() {
    Schedule schedule = parse(TestDocuments.valid("calendars.json")).config().schedule();

    List<CalendarSpec> calendars = schedule.calendars();
    assertThat(calendars).hasSize(5);
    CalendarSpec quarters = calendars.get(0);
    assertThat(quarters.second()).isEqualTo(ValueSet.every());
    assertThat(quarters.minute().ranges()).containsExactly(new ValueRange(0, 59, 15));
    assertThat(quarters.hour().ranges())
        .containsExactly(ValueRange.single(9), new ValueRange(12, 14, 1));
    assertThat(quarters.comment()).isEqualTo("quarter hours");
    CalendarSpec named = calendars.get(1);
    assertThat(named.month().ranges())
        .containsExactly(ValueRange.single(1), ValueRange.single(7), new ValueRange(10, 12, 1));
    assertThat(named.dayOfWeek().ranges()).containsExactly(new ValueRange(1, 5, 1));
    CalendarSpec stepped = calendars.get(2);
    assertThat(stepped.year().ranges()).containsExactly(new ValueRange(2026, 2030, 2));
    assertThat(stepped.dayOfMonth()).isEqualTo(ValueSet.of(1, 15));
    assertThat(stepped.dayOfWeek().isEvery()).isTrue();
    assertThat(calendars.get(3).hour().isEvery()).as("a wildcard in an array").isTrue();
    assertThat(calendars.get(3).dayOfWeek()).as("0 is Sunday").isEqualTo(ValueSet.of(0));
    assertThat(calendars.get(4))
        .as("omitted fields")
        .isEqualTo(
            new CalendarSpec(
                ValueSet.of(0),
                ValueSet.of(0),
                ValueSet.of(0),
                ValueSet.every(),
                ValueSet.every(),
                ValueSet.every(),
                ValueSet.every(),
                null));
    assertThat(schedule.timezone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(schedule.catchupWindow()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void intervalsTakeShortAndIsoDurations() {
    Schedule schedule = parse(TestDocuments.valid("intervals.json")).config().schedule();

    assertThat(schedule.intervals())
        .containsExactly(
            new IntervalSpec(Duration.ofSeconds(30), Duration.ZERO),
            new IntervalSpec(Duration.ofMinutes(90), Duration.ofMinutes(15)),
            new IntervalSpec(Duration.ofDays(1), Duration.ofHours(9)),
            new IntervalSpec(Duration.ofDays(7), Duration.ZERO),
            new IntervalSpec(Duration.ofDays(14), Duration.ZERO),
            new IntervalSpec(Duration.ofSeconds(5405), Duration.ZERO));
    assertThat(schedule.calendars()).isEmpty();
    assertThat(schedule.jitter()).isZero();
    assertThat(schedule.catchupWindow()).isZero();
    assertThat(schedule.timezone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void webhookSinkKeepsHeadersSecretAndFilters() {
    JobConfig config = parse(TestDocuments.valid("webhook-sink.json")).config();

    assertThat(config.sink())
        .isEqualTo(
            new SinkConfig.Webhook(
                "http://127.0.0.1:8080/results?source=drover",
                Map.of("Authorization", "Bearer S3CR3T-header", "X-Team", "catalog"),
                "whsec_S3CR3T-signing-key",
                true,
                List.of("details")));
  }

  @Test
  void s3SinkAndHostedAuthSessionSpellingWithDefaultAttempts() {
    JobConfig config = parse(TestDocuments.valid("s3-sink.json")).config();

    assertThat(config.sink())
        .isEqualTo(
            new SinkConfig.S3(
                "drover-results.test",
                "us-east-1",
                "runs/",
                "AKIAS3CR3TKEYID",
                "S3CR3T/secret/access/key",
                "http://127.0.0.1:9000",
                true,
                false,
                List.of("echo", "list")));
    assertThat(config.authSession()).isEqualTo(new AuthSessionRef("account-1", 3, 3));
    assertThat(config.configuration()).isEqualTo(new Configuration(1, null, 86_400));
  }

  @Test
  void traceIsOnUnlessTheConfigurationSaysOtherwise() {
    JobConfig minimal = parse(TestDocuments.valid("minimal.json")).config();
    JobConfig onFailure = parse(TestDocuments.valid("trace-on-failure.json")).config();
    JobConfig off =
        parse("{\"id\": \"j\", \"payload\": [], \"configuration\": {\"trace\": \"off\"}}").config();

    assertThat(minimal.configuration().trace()).isEqualTo(TraceMode.ON);
    assertThat(onFailure.configuration())
        .isEqualTo(new Configuration(2, null, 60, TraceMode.ON_FAILURE));
    assertThat(off.configuration().trace()).isEqualTo(TraceMode.OFF);
  }

  @Test
  void anUnknownTraceModeNamesTheFieldAndTheModes() {
    List<Problem> problems =
        problemsOf("{\"id\": \"j\", \"payload\": [], \"configuration\": {\"trace\": \"always\"}}");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message())
        .contains("$.configuration.trace")
        .contains("\"always\"")
        .contains("\"on\", \"off\", \"on-failure\"");
  }

  @Test
  void fieldsMayComeInAnyOrder() {
    String json =
        "{\"payload\": [{\"api\": \"echo\"}], \"configuration\": {\"maximumAttempts\": 2},"
            + " \"id\": \"late-id\"}";

    Parsed parsed = parse(json);

    assertThat(parsed.config().id()).isEqualTo("late-id");
    assertThat(parsed.config().configuration().maximumAttempts()).isEqualTo(2);
    assertThat(parsed.items()).extracting(PayloadItemConfig::apiName).containsExactly("echo");
  }

  @Test
  void reportsEveryProblemOfTheDocumentTogether() {
    String json =
        "{\"id\": \"bad id\", \"payload\": [{\"apiName\": \"nope\"}, {\"apiName\": \"echo\","
            + " \"requestTimeout\": 0}], \"configuration\": {\"maximumAttempts\": 0},"
            + " \"sink\": {\"type\": \"ftp\"}, \"extra\": true}";

    assertThat(problemsOf(json))
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "$.id",
            "$.payload[0].apiName",
            "$.payload[1].requestTimeout",
            "$.configuration.maximumAttempts",
            "$.sink.type",
            "$.extra");
  }

  @Test
  void listsAtMostOneHundredProblemsAndCountsTheRest() {
    String items =
        IntStream.range(0, 250)
            .mapToObj(i -> "{\"apiName\": \"nope\"}")
            .collect(Collectors.joining(","));

    List<Problem> problems = problemsOf("{\"id\": \"j\", \"payload\": [" + items + "]}");

    assertThat(problems).hasSize(Problems.LIMIT + 1);
    assertThat(problems.get(99).path()).isEqualTo("$.payload[99].apiName");
    assertThat(problems.get(100).expected()).contains("150 more");
  }

  @Test
  void listenerGetsValidItemsUntilTheFirstProblem() {
    String json =
        "{\"id\": \"j\", \"payload\": [{\"apiName\": \"echo\"}, {\"apiName\": \"list\"},"
            + " {\"apiName\": \"nope\"}, {\"apiName\": \"details\"}]}";
    List<Long> seen = new ArrayList<>();

    catchThrowableOfType(
        InvalidDocumentException.class, () -> parser.parse(json, (i, item) -> seen.add(i)));

    assertThat(seen).containsExactly(0L, 1L);
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    String json = "{\n  \"id\": \"j\",\n  \"payload\": [}\n}";

    List<Problem> problems = problemsOf(json);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEqualTo("$.payload[0]");
    assertThat(problems.get(0).expected()).contains("well-formed JSON").contains("line 3, column");
  }

  @Test
  void integersWithAFractionOrInQuotesSaySo() {
    assertThat(
            problemsOf(
                "{\"id\": \"j\", \"payload\": [], \"configuration\": {\"requestTimeout\": 3.0}}"))
        .singleElement()
        .satisfies(p -> assertThat(p.expected()).contains("not 3.0"));
    assertThat(
            problemsOf(
                "{\"id\": \"j\", \"payload\": [], \"configuration\": {\"requestTimeout\": \"3\"}}"))
        .singleElement()
        .satisfies(p -> assertThat(p.expected()).contains("not a string"));
  }

  @Test
  void unknownFieldListsTheKnownOnes() {
    assertThat(
            problemsOf(
                "{\"id\": \"j\", \"payload\": [], \"authSession\": {\"id\": \"a\", \"tries\": 2}}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("$.authSession.tries");
              assertThat(p.expected()).contains("id, checkAttempts, createAttempts");
            });
  }

  @Test
  void longListsOfApiNamesAndLongValuesAreShortened() {
    List<String> apis = IntStream.range(0, 50).mapToObj(i -> "api-" + i).toList();
    String longName = "x".repeat(500);

    InvalidDocumentException e =
        catchThrowableOfType(
            InvalidDocumentException.class,
            () ->
                new JobConfigParser(apis)
                    .parse(
                        "{\"id\": \"j\", \"payload\": [{\"apiName\": \"" + longName + "\"}]}",
                        (i, item) -> {}));

    Problem problem = e.problems().get(0);
    assertThat(problem.expected()).contains("\"api-0\"").contains("and 30 more");
    assertThat(problem.value()).hasSizeLessThanOrEqualTo(60).endsWith("...");
  }
}
