package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET .../jobs/{jobId}/schedule and POST /api/v1/schedules/preview, good input and bad. */
class ScheduleEndpointsTest {
  private static final String JOBS = "/api/v1/projects/demo/jobs";
  private static final String PREVIEW = "/api/v1/schedules/preview";

  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String scheduled(String id, String schedule, String parameters) {
    return "{\"id\":\""
        + id
        + "\",\"payload\":["
        + Docs.echo(parameters)
        + "],\"schedule\":"
        + schedule
        + "}";
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  @Test
  void previewListsTheFireTimesAfterFromInUtc() {
    String weekly =
        "{\"calendars\":[{\"dayOfWeek\":\"MONDAY\",\"hour\":9,\"minute\":30}],"
            + "\"timezone\":\"Europe/Paris\"}";
    TestServer.Response response =
        server.post(
            PREVIEW, "{\"schedule\":" + weekly + ",\"from\":\"2026-11-29T10:00:00Z\",\"count\":3}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(texts(response.json().get("fireTimes")))
        .containsExactly("2026-11-30T08:30:00Z", "2026-12-07T08:30:00Z", "2026-12-14T08:30:00Z");
  }

  @Test
  void previewTakesCronAnOffsetInFromAndTenTimesByDefault() {
    TestServer.Response response =
        server.post(
            PREVIEW,
            "{\"schedule\":{\"cron\":\"*/15 * * * *\"},\"from\":\"2026-11-29T11:00:00+01:00\"}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> times = texts(response.json().get("fireTimes"));
    assertThat(times).hasSize(10);
    assertThat(times.get(0)).isEqualTo("2026-11-29T10:15:00Z");
    assertThat(times.get(9)).isEqualTo("2026-11-29T12:30:00Z");
  }

  @Test
  void previewWithoutFromStartsNow() {
    Instant before = Instant.now();
    JsonNode body =
        server
            .post(PREVIEW, "{\"schedule\":{\"intervals\":[{\"every\":\"1h\"}]},\"count\":1}")
            .json();

    Instant first = Instant.parse(body.get("fireTimes").get(0).asText());
    assertThat(first).isAfter(before).isBefore(before.plus(Duration.ofHours(1)).plusSeconds(5));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"schedule\":{\"calendars\":[{\"hour\":25}]}}|$.schedule.calendars[0].hour|25",
        "{\"schedule\":{\"calendars\":[{\"month\":2,\"dayOfMonth\":30}]}}|$.schedule.calendars[0]|February"
            + " 30",
        "{\"schedule\":{\"intervals\":[{\"every\":\"soon\"}]}}|$.schedule.intervals[0].every|soon",
        "{\"schedule\":{\"cron\":\"61 * * * *\"}}|$.schedule.cron|61",
        "{\"schedule\":{\"timezone\":\"Mars/Olympus\",\"cron\":\"* * * *"
            + " *\"}}|$.schedule.timezone|Mars/Olympus",
        "{\"schedule\":{}}|$.schedule|at least one entry",
        "{\"schedule\":[]}|$.schedule|a schedule object",
        "{\"from\":\"2026-11-29T10:00:00Z\"}|$.schedule|required",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"from\":\"yesterday\"}|$.from|ISO-8601",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"from\":\"2026-11-29T10:00:00\"}|$.from|offset",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"count\":0}|$.count|1 to 1000",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"count\":1001}|$.count|1 to 1000",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"count\":\"ten\"}|$.count|1 to 1000",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"count\":2.5}|$.count|whole number",
        "{\"schedule\":{\"cron\":\"* * * * *\"},\"when\":\"now\"}|$.when|known fields",
        "[1, 2]|$|an object",
        "{\"schedule\": |$|well-formed JSON",
        "|$|a JSON object"
      })
  void previewRejectsBadInputNamingThePath(String request, String path, String mention) {
    TestServer.Response response = server.post(PREVIEW, request == null ? "" : request);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    JsonNode error = response.json().get("error");
    assertThat(error.get("path").asText()).isEqualTo(path);
    assertThat(error.get("message").asText()).contains(path).contains(mention);
  }

  @Test
  void previewReportsEveryProblemAtOnce() {
    TestServer.Response response =
        server.post(
            PREVIEW, "{\"schedule\":{\"calendars\":[{\"hour\":99}]},\"count\":0,\"from\":1}");

    assertThat(response.status()).isEqualTo(400);
    List<String> paths = new ArrayList<>();
    response.json().get("error").get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths)
        .containsExactlyInAnyOrder("$.schedule.calendars[0].hour", "$.count", "$.from");
  }

  @Test
  void aJobsScheduleListsItsNextFireTimesFromItsNextFire() {
    server.createJob(
        scheduled("hourly", "{\"intervals\":[{\"every\":\"1h\",\"offset\":\"5m\"}]}", "{}"));

    JsonNode schedule = server.get(JOBS + "/hourly/schedule?count=3").json();
    JsonNode job = server.get(JOBS + "/hourly").json();

    List<Instant> times =
        texts(schedule.get("nextFireTimes")).stream().map(Instant::parse).toList();
    assertThat(times).hasSize(3);
    assertThat(times.get(0).toString()).isEqualTo(job.get("nextFireAt").asText());
    assertThat(schedule.get("nextFireAt").asText()).isEqualTo(job.get("nextFireAt").asText());
    assertThat(times.get(0)).isAfter(Instant.now().minusSeconds(1));
    assertThat(times.get(0).getEpochSecond() % 3600).isEqualTo(300);
    assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(Duration.ofHours(1));
    assertThat(Duration.between(times.get(1), times.get(2))).isEqualTo(Duration.ofHours(1));
    assertThat(schedule.get("skipped")).isEmpty();
    assertThat(server.get(JOBS + "/hourly/schedule").json().get("nextFireTimes")).hasSize(10);
    assertThat(server.get(JOBS + "/hourly/schedule?count=1000").json().get("nextFireTimes"))
        .hasSize(1000);
  }

  @Test
  void aPausedJobHasNoNextFireButShowsWhenItWouldFire() {
    server.createJob(scheduled("napping", "{\"intervals\":[{\"every\":\"1d\"}]}", "{}"));

    JsonNode paused = server.post(JOBS + "/napping/pause", null).json();
    JsonNode schedule = server.get(JOBS + "/napping/schedule?count=2").json();

    assertThat(paused.get("nextFireAt").isNull()).isTrue();
    assertThat(schedule.get("nextFireAt").isNull()).isTrue();
    assertThat(schedule.get("nextFireTimes")).hasSize(2);
    JsonNode resumed = server.post(JOBS + "/napping/resume", null).json();
    assertThat(resumed.get("nextFireAt").asText())
        .isEqualTo(schedule.get("nextFireTimes").get(0).asText());
  }

  @Test
  void aJobWithoutScheduleHasNoFireTimes() {
    server.createJob(Docs.job("manual", Docs.config(1, 1, 60), List.of(Docs.echo("{}"))));

    JsonNode schedule = server.get(JOBS + "/manual/schedule").json();

    assertThat(schedule.get("nextFireAt").isNull()).isTrue();
    assertThat(schedule.get("nextFireTimes")).isEmpty();
    assertThat(schedule.get("skipped")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0", "1001", "ten", "-1"})
  void aBadCountIsRejectedNamingIt(String count) {
    server.createJob(scheduled("counted-" + count.hashCode(), "{\"cron\":\"0 * * * *\"}", "{}"));

    TestServer.Response response =
        server.get(JOBS + "/counted-" + count.hashCode() + "/schedule?count=" + count);

    assertThat(response.status()).isEqualTo(400);
    JsonNode error = response.json().get("error");
    assertThat(error.get("path").asText()).isEqualTo("count");
    assertThat(error.get("message").asText())
        .contains("count = '" + count + "'")
        .contains("1 to 1000");
  }

  @Test
  void theScheduleOfAnUnknownJobIsNotFound() {
    assertThat(server.get(JOBS + "/ghost/schedule").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/projects/nowhere/jobs/ghost/schedule").status()).isEqualTo(404);
  }

  @Test
  void firesWhileAJobRunIsStillRunningAreListedAsSkippedWithTheReason() {
    server.createJob(
        scheduled("busy", "{\"intervals\":[{\"every\":\"1s\"}]}", "{\"sleepMs\":60000}"));

    JsonNode schedule =
        server.awaitChange(
            () -> server.get(JOBS + "/busy/schedule").json(),
            s -> s.get("skipped").size() >= 2,
            "skipped fires of busy");
    server.post(JOBS + "/busy/pause", null);

    JsonNode jobRuns = server.get(JOBS + "/busy/job-runs").json().get("items");
    assertThat(jobRuns).hasSize(1);
    String jobRunId = jobRuns.get(0).get("id").asText();
    JsonNode newest = schedule.get("skipped").get(0);
    assertThat(newest.get("reason").asText())
        .isEqualTo("JobRun " + jobRunId + " was still running");
    Instant nominal = Instant.parse(newest.get("nominalAt").asText());
    Instant recorded = Instant.parse(newest.get("recordedAt").asText());
    assertThat(nominal.getNano()).isZero();
    assertThat(recorded).isBetween(nominal, nominal.plusSeconds(3));
    assertThat(Instant.parse(schedule.get("skipped").get(1).get("nominalAt").asText()))
        .isBefore(nominal);
    server.post("/api/v1/projects/demo/job-runs/" + jobRunId + "/terminate", null);
  }
}
