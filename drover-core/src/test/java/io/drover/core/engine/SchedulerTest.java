package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.state.Trigger;
import io.drover.core.store.JobRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.SkippedFire;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler driven round by round with a settable clock: no threads, no sleeps. */
class SchedulerTest {
  private static final String EVERY_MINUTE = "{\"intervals\": [{\"every\": \"1m\"}]}";

  @TempDir java.nio.file.Path dataDir;
  private ScheduledEngine at;

  @BeforeEach
  void open() {
    at = new ScheduledEngine(dataDir, time("09:59:30"));
  }

  @AfterEach
  void close() {
    at.close();
  }

  private static Instant time(String hhmmss) {
    return Instant.parse("2026-06-01T" + hhmmss + "Z");
  }

  @Test
  void aJobFiresOncePerFireTimeAndTheSchedulerWakesForIt() {
    at.save("tick", EVERY_MINUTE);
    assertThat(at.job("tick").nextFireAt()).isEqualTo(time("10:00:00"));

    at.clock.set(time("09:59:59.900"));
    assertThat(at.scheduler().runDue()).as("wakes at the fire").isEqualTo(time("10:00:00"));
    assertThat(at.jobRuns("tick")).isEmpty();

    at.clock.set(time("10:00:00"));
    at.scheduler().runDue();
    at.clock.set(time("10:00:00.200"));
    assertThat(at.scheduler().runDue()).isEqualTo(time("10:00:00.450"));
    List<JobRunRecord> fired = at.jobRuns("tick");
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).trigger()).isEqualTo(Trigger.SCHEDULED);
    assertThat(fired.get(0).createdAt()).isEqualTo(time("10:00:00"));
    assertThat(at.job("tick").nextFireAt()).isEqualTo(time("10:01:00"));

    at.finish(fired.get(0));
    at.clock.set(time("10:01:00.100"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("tick")).hasSize(2);
    assertThat(at.skipped("tick")).isEmpty();
  }

  @Test
  void aFireWhileTheLastJobRunIsStillActiveIsSkippedWithTheReason() {
    at.save("slow", EVERY_MINUTE);
    at.clock.set(time("10:00:00"));
    at.scheduler().runDue();
    JobRunRecord running = at.jobRuns("slow").get(0);

    at.clock.set(time("10:01:00"));
    at.scheduler().runDue();

    assertThat(at.jobRuns("slow")).containsExactly(at.jobRun(running.id()));
    List<SkippedFire> skipped = at.skipped("slow");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).nominalAt()).isEqualTo(time("10:01:00"));
    assertThat(skipped.get(0).reason()).isEqualTo("JobRun " + running.id() + " was still running");
    assertThat(at.job("slow").nextFireAt()).isEqualTo(time("10:02:00"));

    at.finish(running);
    at.clock.set(time("10:02:00"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("slow")).hasSize(2);
  }

  @Test
  void aPausedJobNeverFiresAndResumingStartsFromNowWithoutCatchingUp() {
    at.save("resting", EVERY_MINUTE);
    at.clock.set(time("09:59:50"));
    at.jobs.pause("demo", "resting");
    assertThat(at.job("resting").nextFireAt()).isNull();

    for (String now : List.of("10:00:00", "10:01:00", "10:02:30", "10:03:20")) {
      at.clock.set(time(now));
      at.scheduler().runDue();
    }
    assertThat(at.jobRuns("resting")).isEmpty();
    assertThat(at.skipped("resting")).isEmpty();

    at.jobs.resume("demo", "resting");
    assertThat(at.job("resting").nextFireAt()).isEqualTo(time("10:04:00"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("resting")).as("no catch-up for fires missed while paused").isEmpty();
    at.clock.set(time("10:04:00"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("resting")).hasSize(1);
  }

  @Test
  void resumingAJobThatIsActiveKeepsItsNextFire() {
    at.save("awake", "{\"intervals\": [{\"every\": \"1m\"}], \"jitter\": \"30s\"}");
    Instant stored = at.job("awake").nextFireAt();

    at.clock.set(time("09:59:45"));
    at.jobs.resume("demo", "awake");

    assertThat(at.job("awake").nextFireAt()).isEqualTo(stored);
  }

  @Test
  void afterDowntimeMissedFiresCollapseIntoOneCatchUpWithinTheWindow() {
    at.save("late", EVERY_MINUTE);
    at.clock.set(time("10:00:00"));
    at.scheduler().runDue();
    at.finish(at.jobRuns("late").get(0));

    at = at.restart(time("10:05:30"));
    at.scheduler().runDue();
    at.clock.set(time("10:05:31"));
    at.scheduler().runDue();

    List<JobRunRecord> jobRuns = at.jobRuns("late");
    assertThat(jobRuns).as("one fire at 10:00 and one catch-up, never a burst").hasSize(2);
    assertThat(jobRuns.get(0).createdAt()).isEqualTo(time("10:05:30"));
    assertThat(at.job("late").nextFireAt()).isEqualTo(time("10:06:00"));
    assertThat(at.skipped("late")).isEmpty();
  }

  @Test
  void aFireDecidedWhileWaitingIsDecidedAgainWhenTheSchedulerWakesTooLateForIt() {
    at.save("stalled", "{\"intervals\": [{\"every\": \"1m\"}], \"catchupWindow\": \"10s\"}");
    at.save("edited", EVERY_MINUTE);
    at.clock.set(time("09:59:55"));
    at.scheduler().runDue(); // decides the 10:00 fires ahead
    at.replace("edited", "{\"intervals\": [{\"every\": \"1m\", \"offset\": \"1s\"}]}");

    // The process stalled for two minutes: the 10:00 and 10:01 fires were missed.
    at.clock.set(time("10:02:30"));
    at.scheduler().runDue();

    assertThat(at.jobRuns("stalled")).as("no JobRun from the decision taken ahead").isEmpty();
    assertThat(at.skipped("stalled")).hasSize(1);
    assertThat(at.skipped("stalled").get(0).nominalAt()).isEqualTo(time("10:02:00"));
    assertThat(at.job("stalled").nextFireAt()).isEqualTo(time("10:03:00"));
    // A Job saved again after the decision fires by its new version's schedule.
    assertThat(at.job("edited").nextFireAt()).isEqualTo(time("10:03:01"));
  }

  @Test
  void afterDowntimeLongerThanTheWindowNothingStartsAndOneSkipCountsTheMissedFires() {
    at.save("missed", "{\"intervals\": [{\"every\": \"1m\"}], \"catchupWindow\": \"10s\"}");

    at = at.restart(time("10:05:30"));
    at.scheduler().runDue();

    assertThat(at.jobRuns("missed")).isEmpty();
    List<SkippedFire> skipped = at.skipped("missed");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).nominalAt()).isEqualTo(time("10:05:00"));
    assertThat(skipped.get(0).reason())
        .isEqualTo(
            "missed while the server was down: 6 fires up to 2026-06-01T10:05:00Z,"
                + " longer ago than the catch-up window (10s)");
    assertThat(at.job("missed").nextFireAt()).isEqualTo(time("10:06:00"));
    at.clock.set(time("10:06:00"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("missed")).hasSize(1);
  }

  @Test
  void editingTheScheduleRecomputesTheNextFireAndRemovingItStopsFiring() {
    at.clock.set(time("09:10:00"));
    at.save("edited", "{\"intervals\": [{\"every\": \"1h\"}]}");
    assertThat(at.job("edited").nextFireAt()).isEqualTo(time("10:00:00"));

    at.replace(
        "edited",
        "{\"calendars\": [{\"hour\": \"*\", \"minute\": {\"start\": 0, \"end\": 59, \"step\":"
            + " 15}}]}");
    assertThat(at.job("edited").nextFireAt()).isEqualTo(time("09:15:00"));

    at.replace("edited", null);
    assertThat(at.job("edited").nextFireAt()).isNull();
    at.clock.set(time("10:00:00"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("edited")).isEmpty();
  }

  @Test
  void jitterIsDrawnOnceStoredAndHonoured() {
    at.save("jittery", "{\"intervals\": [{\"every\": \"1m\"}], \"jitter\": \"20s\"}");
    Instant fireAt = at.job("jittery").nextFireAt();
    assertThat(fireAt).isBetween(time("10:00:00"), time("10:00:20"));

    at.clock.set(fireAt.minusMillis(1));
    at.scheduler().runDue();
    assertThat(at.jobRuns("jittery")).isEmpty();
    assertThat(at.job("jittery").nextFireAt()).as("not re-drawn while waiting").isEqualTo(fireAt);

    at.clock.set(fireAt);
    at.scheduler().runDue();
    assertThat(at.jobRuns("jittery")).hasSize(1);
    assertThat(at.job("jittery").nextFireAt()).isBetween(time("10:01:00"), time("10:01:20"));
  }

  @Test
  void manyJobsDueAtOnceAllFireInOneRound() {
    int count = Scheduler.BATCH + 17; // more than one transaction
    for (int i = 0; i < count; i++) {
      at.save("job-" + i, EVERY_MINUTE);
    }
    at.clock.set(time("10:00:00.300"));

    at.scheduler().runDue();

    for (int i = 0; i < count; i += 41) {
      assertThat(at.jobRuns("job-" + i)).as("job-" + i).hasSize(1);
      assertThat(at.job("job-" + i).nextFireAt()).isEqualTo(time("10:01:00"));
    }
    assertThat(at.jobRuns("job-" + (count - 1))).hasSize(1);
    assertThat(at.store.dueJobs(time("10:00:59"), 1000)).isEmpty();
  }

  @Test
  void aJobWithoutScheduleHasNoNextFire() {
    at.save("manual", null);
    JobRecord job = at.job("manual");
    assertThat(job.nextFireAt()).isNull();
    at.clock.set(time("12:00:00"));
    at.scheduler().runDue();
    assertThat(at.jobRuns("manual")).isEmpty();
  }
}
