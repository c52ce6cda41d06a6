package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the dashboard takes to show its first screen of a large Project: the Jobs page with
 * 1,000 Jobs and a JobRun page with 100,000 Runs, measured in the browser with the Performance API
 * (from the start of the page load to the dashboard's mark). The goal is under 1 s; the numbers are
 * printed, not asserted (this machine is shared), but what the pages show is.
 */
@Tag("slow")
class DashboardPerformanceTest {
  private static final int JOBS = 1_000;
  private static final int RUNS = 100_000;
  private static final int LOADS = 3;

  @TempDir Path dataDir;

  @Test
  void theJobsPageOfAThousandJobsAndAJobRunOfAHundredThousandRunsShowTheirFirstScreenPaged() {
    ServerSettings settings =
        ServerSettings.defaults()
            .withBrowser(ServerSettings.defaults().browser().withEnabled(false));
    try (TestServer server = new TestServer(dataDir, settings)) {
      for (int i = 1; i <= JOBS; i++) {
        server.createJob(
            Docs.job(
                String.format("job-%04d", i), Docs.config(3, 4, 60), List.of(Docs.echo("{}"))));
      }
      server.createJob(
          Docs.job("big", Docs.config(3, 1, 60), Docs.echoes(RUNS, "\"sleepMs\":60000")));
      String jobRunId = server.trigger("big");
      assertThat(server.post("/api/v1/projects/demo/jobs/big/pause", null).status()).isEqualTo(200);

      try (DashboardBrowser browser =
          new DashboardBrowser(settings, 1280, 800).signedInWith(server.adminKey)) {
        Page page = browser.page;
        List<Double> jobsPage =
            loads(
                browser,
                server.server.baseUrl() + "/#/projects/demo/jobs",
                "drover:jobs:first-screen");
        PlaywrightAssertions.assertThat(page.locator("tr[data-job]")).hasCount(50);
        PlaywrightAssertions.assertThat(page.locator(".pager button")).hasText("Next →");

        List<Double> jobRunPage =
            loads(
                browser,
                server.server.baseUrl() + "/#/projects/demo/job-runs/" + jobRunId,
                "drover:job-run:first-screen");
        PlaywrightAssertions.assertThat(page.locator(".runs-table tbody tr")).hasCount(50);
        PlaywrightAssertions.assertThat(page.locator(".progress .percent"))
            .containsText("of " + RUNS + " Runs ended");

        System.out.printf(
            "dashboard first screen (ms from page load, %d loads each): Jobs page with %,d Jobs %s;"
                + " JobRun page with %,d Runs %s%n",
            LOADS, JOBS, show(jobsPage), RUNS, show(jobRunPage));
      }
    }
  }

  private static List<Double> loads(DashboardBrowser browser, String url, String mark) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < LOADS; i++) {
      browser.page.navigate("about:blank");
      browser.page.navigate(url);
      times.add(browser.markedAt(mark));
    }
    return times;
  }

  private static String show(List<Double> times) {
    return IntStream.range(0, times.size())
        .mapToObj(i -> String.format("%.0f", times.get(i)))
        .collect(Collectors.joining(" / "));
  }
}
