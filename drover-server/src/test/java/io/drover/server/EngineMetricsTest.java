package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.JobRunStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.AttemptOutcome;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.FireOutcome;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunKeys;
import io.drover.core.store.RunRecord;
import io.drover.core.store.ScheduledFire;
import io.drover.core.store.SkippedFire;
import io.drover.core.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What engine, browser and delivery events become in /metrics, on a clock the test sets. */
class EngineMetricsTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private final Metrics metrics = new Metrics();
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final EngineMetrics engine = new EngineMetrics(metrics, now::get);

  private PrometheusText scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
  }

  private static RunRecord run(String id, String api) {
    return new RunRecord(
        id,
        "demo",
        "jr",
        "job",
        1,
        api,
        "{}",
        RunStatus.RUNNING,
        3,
        60,
        1,
        0,
        T0,
        null,
        null,
        T0,
        T0,
        null);
  }

  private static AttemptOutcome outcome(
      String runId, int attempt, AttemptStatus status, RunStatus next) {
    return new AttemptOutcome(
        runId, attempt, status, next, null, null, null, List.of(), new RunKeys("demo", null, null));
  }

  @Test
  void anAttemptLastsFromItsClaimToItsCommittedOutcome() throws IOException {
    engine.claimed(List.of(new ClaimedAttempt(run("r1", "list"), 1)));
    now.set(T0.plusMillis(1500));
    engine.committed(
        List.of(outcome("r1", 1, AttemptStatus.SUCCEEDED, RunStatus.COMPLETED)), List.of(true));

    PrometheusText m = scrape();

    String[] labels = {"project", "demo", "api", "list", "outcome", "SUCCEEDED"};
    assertThat(m.value("drover_attempt_duration_seconds_count", labels)).isEqualTo(1);
    assertThat(m.value("drover_attempt_duration_seconds_sum", labels)).isEqualTo(1.5);
    assertThat(
            m.value(
                "drover_attempt_duration_seconds_bucket",
                "project",
                "demo",
                "api",
                "list",
                "outcome",
                "SUCCEEDED",
                "le",
                "1.0"))
        .isZero();
    assertThat(
            m.value(
                "drover_runs_finished_total",
                "project",
                "demo",
                "api",
                "list",
                "status",
                "COMPLETED"))
        .isEqualTo(1);
  }

  @Test
  void aCanceledAttemptIsCountedOnceAsCanceledAndEndsNoRun() throws IOException {
    engine.claimed(
        List.of(
            new ClaimedAttempt(run("r1", "list"), 1), new ClaimedAttempt(run("r2", "list"), 2)));
    engine.canceled(List.of("r1"));
    // r2's outcome came before the cancel event: it was not applied
    engine.committed(
        List.of(
            outcome("r1", 1, AttemptStatus.FAILED, RunStatus.FAILED),
            outcome("r2", 2, AttemptStatus.SUCCEEDED, RunStatus.COMPLETED)),
        List.of(false, false));
    engine.canceled(List.of("r2"));

    PrometheusText m = scrape();

    assertThat(m.sum("drover_attempt_duration_seconds_count", "outcome", "CANCELED")).isEqualTo(2);
    assertThat(m.sum("drover_attempt_duration_seconds_count")).isEqualTo(2);
    assertThat(m.sum("drover_runs_finished_total")).isZero();
  }

  @Test
  void scheduledFiresGiveLatenessAndSkips() throws IOException {
    Instant due = T0;
    Instant late = T0.plusMillis(300);
    ScheduledFire started = fire(due, late);
    ScheduledFire skipped = fire(due, late);
    JobRunRecord jobRun =
        new JobRunRecord(
            "jr",
            "demo",
            "job",
            JobRunStatus.RUNNING,
            Trigger.SCHEDULED,
            "{}",
            1,
            1,
            1,
            late,
            late,
            null,
            null);
    SkippedFire skip = new SkippedFire("demo", "job", due, late, "JobRun jr was still running");

    engine.fired(
        List.of(started, skipped),
        List.of(
            new FireOutcome(FireOutcome.Kind.STARTED, jobRun, null),
            new FireOutcome(FireOutcome.Kind.SKIPPED, null, skip)));

    PrometheusText m = scrape();
    assertThat(m.value("drover_schedule_lateness_seconds_count")).isEqualTo(1);
    assertThat(m.value("drover_schedule_lateness_seconds_sum")).isEqualTo(0.3);
    assertThat(m.value("drover_schedule_skipped_fires_total", "project", "demo")).isEqualTo(1);
  }

  private static ScheduledFire fire(Instant due, Instant at) {
    return new ScheduledFire(
        "demo",
        "job",
        1,
        due,
        due.plusSeconds(3600),
        due,
        new Store.NewJobRun("jr", "demo", "job", Trigger.SCHEDULED, "{}", 1, 1, 1, at),
        null,
        at);
  }

  @Test
  void deliveriesAndBrowserEventsAreCounted() throws IOException {
    BrowserMetrics browser = new BrowserMetrics(metrics);
    engine.delivered("demo", "DELIVERED", Duration.ofMillis(250));
    engine.delivered("demo", "pending", Duration.ofSeconds(40));
    browser.launched(1);
    browser.launched(1);
    browser.crashed(1);
    browser.recycled(2);

    PrometheusText m = scrape();

    assertThat(m.value("drover_deliveries_total", "project", "demo", "status", "DELIVERED"))
        .isEqualTo(1);
    assertThat(m.value("drover_deliveries_total", "project", "demo", "status", "PENDING"))
        .isEqualTo(1);
    assertThat(m.value("drover_delivery_delay_seconds_count")).isEqualTo(2);
    assertThat(m.value("drover_browser_launches_total")).isEqualTo(2);
    assertThat(m.value("drover_browser_crashes_total")).isEqualTo(1);
    assertThat(m.value("drover_browser_restarts_total", "reason", "crash")).isEqualTo(1);
    assertThat(m.value("drover_browser_restarts_total", "reason", "recycle")).isEqualTo(1);
  }
}
