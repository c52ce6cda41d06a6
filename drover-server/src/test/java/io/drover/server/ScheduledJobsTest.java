package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Job with a 2-second interval on a real server with the real clock: SCHEDULED JobRuns at its
 * fire times, none twice, again after pause and resume, and no burst after a restart on the same
 * data.
 */
@Tag("slow")
class ScheduledJobsTest {
  private static final String JOB = "/api/v1/projects/demo/jobs/every-2s";
  private static final Duration EVERY = Duration.ofSeconds(2);
  // The goal is 1 s; a loaded CI machine gets more room before the test calls it a failure.
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(3);

  @TempDir Path dataDir;

  record Fired(String id, String trigger, Instant createdAt) {}

  @Test
  void aTwoSecondIntervalFiresOnTimeOnceEachNeverWhilePausedAndNeverInABurst() throws Exception {
    TestServer server = new TestServer(dataDir);
    int beforeRestart;
    try {
      server.createJob(
          "{\"id\":\"every-2s\",\"payload\":["
              + Docs.echo("{}")
              + "],"
              + "\"schedule\":{\"intervals\":[{\"every\":\"2s\"}]}}");
      Instant first = Instant.parse(server.get(JOB).json().get("nextFireAt").asText());

      List<Fired> fired = awaitJobRuns(server, 4);
      for (int i = 0; i < fired.size(); i++) {
        Instant nominal = first.plus(EVERY.multipliedBy(i));
        Duration late = Duration.between(nominal, fired.get(i).createdAt());
        System.out.printf(
            "fire %d at %s: JobRun created %d ms late%n", i, nominal, late.toMillis());
        assertThat(fired.get(i).trigger()).isEqualTo("SCHEDULED");
        assertThat(late)
            .as("JobRun %d vs its fire at %s", i, nominal)
            .isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(late).as("JobRun %d vs its fire at %s", i, nominal).isLessThan(LATENESS_BOUND);
      }
      assertThat(server.get(JOB + "/schedule").json().get("skipped")).isEmpty();

      // That a paused Job never fires is proven step by step on a settable clock
      // (SchedulerTest); here: pausing clears the pending fire, resuming fires again on time.
      server.post(JOB + "/pause", null);
      int atPause = jobRuns(server).size();
      assertThat(server.get(JOB).json().get("nextFireAt").isNull()).isTrue();
      Instant resumedAt = Instant.now();
      server.post(JOB + "/resume", null);
      List<Fired> afterResume = awaitJobRuns(server, atPause + 1);
      assertThat(afterResume.get(atPause).createdAt()).isAfter(resumedAt);
      beforeRestart = jobRuns(server).size();
    } finally {
      server.close();
    }
    // Back on the same data (a longer downtime collapsing into one catch-up is proven on a
    // settable clock in SchedulerTest): one catch-up at most, then the schedule, never a burst.
    Instant restartedAt = Instant.now();
    TestServer restarted = new TestServer(dataDir);
    try {
      awaitJobRuns(restarted, beforeRestart + 2);
      Instant until = Instant.now();
      List<Fired> afterRestart =
          jobRuns(restarted).stream().filter(f -> f.createdAt().isAfter(restartedAt)).toList();
      long fireTimes = 1 + Duration.between(restartedAt, until).dividedBy(EVERY);
      assertThat(afterRestart.size())
          .as("JobRuns since the restart: one catch-up at most, then one per fire time")
          .isBetween(2, (int) fireTimes + 1);
      assertThat(Duration.between(restartedAt, afterRestart.get(0).createdAt()))
          .as("the catch-up comes as the server starts")
          .isLessThan(LATENESS_BOUND);
      assertThat(afterRestart).extracting(Fired::createdAt).doesNotHaveDuplicates();
    } finally {
      restarted.close();
    }
  }

  private static List<Fired> awaitJobRuns(TestServer server, int count) {
    return TestServer.await(
        () -> jobRuns(server), runs -> runs.size() >= count, count + " JobRuns");
  }

  /** Oldest first. */
  private static List<Fired> jobRuns(TestServer server) {
    List<Fired> fired = new ArrayList<>();
    for (JsonNode jobRun : server.get(JOB + "/job-runs?limit=1000").json().get("items")) {
      fired.add(
          new Fired(
              jobRun.get("id").asText(),
              jobRun.get("trigger").asText(),
              Instant.parse(jobRun.get("createdAt").asText())));
    }
    fired.sort(Comparator.comparing(Fired::createdAt));
    return fired;
  }
}
