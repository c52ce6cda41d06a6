package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.drover.examples.shop.Catalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium against a real server: a Job written in the editor,
 * triggered and watched to the end, one of its Runs opened down to its logs, video and trace, and
 * the lifecycle actions; the page logs no error all along.
 */
@Tag("slow")
class DashboardTest {
  private static final String P = "/api/v1/projects/demo";
  private static final LocatorAssertions.HasAttributeOptions LONG =
      new LocatorAssertions.HasAttributeOptions().setTimeout(240_000);

  @TempDir Path dataDir;

  private static String shopJob(String product, int maximumAttempts) {
    return """
        {
          "id": "dash-shop",
          "payload": [
            {"apiName": "details", "parameters": {"path": "%s"}},
            {"apiName": "visit", "parameters": {"path": "/"}},
            {"apiName": "echo", "parameters": {"log": "hello from the dashboard test"}}
          ],
          "configuration": {"maximumAttempts": %d, "maximumConcurrentRequests": 2, "requestTimeout": 120},
          "schedule": {"calendars": [{"month": "JANUARY", "dayOfMonth": 1, "hour": 3}], "timezone": "Europe/Paris"}
        }
        """
        .formatted(product, maximumAttempts);
  }

  private static boolean expectedHttpError(String error) {
    return error.contains("status of 400")
        && (error.contains("/jobs?dryRun=true") || error.contains("/schedules/preview"));
  }

  @Test
  void aJobIsWrittenTriggeredWatchedAndTracedInTheDashboardWithoutAConsoleError() {
    ServerSettings settings =
        ServerSettings.defaults().withEngine(ServerSettings.defaults().engine().withSlots(1));
    try (TestServer server = new TestServer(dataDir, settings);
        DashboardBrowser browser = new DashboardBrowser(settings, 1280, 800)) {
      browser.signedInWith(server.adminKey);
      Page page = browser.page;
      String product = Catalogue.get().products().get(0).path();

      page.navigate(server.server.baseUrl() + "/");
      PlaywrightAssertions.assertThat(page.locator(".card h2")).hasText("demo");
      page.locator(".card")
          .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("New Job"))
          .click();

      writeInTheEditor(browser, shopJob(product, 0));
      Locator problem = page.locator(".problem-list li");
      PlaywrightAssertions.assertThat(problem).hasCount(1);
      PlaywrightAssertions.assertThat(problem.locator(".path"))
          .hasText("$.configuration.maximumAttempts");
      int line = lineOf(editorText(page), "\"configuration\"");
      PlaywrightAssertions.assertThat(problem.locator(".line")).hasText(" line " + line);
      PlaywrightAssertions.assertThat(problem.locator(".message")).containsText("got 0");
      assertThat(page.locator(".monaco-editor .squiggly-error").count())
          .as("the problem is underlined in the editor")
          .isPositive();
      PlaywrightAssertions.assertThat(page.locator(".preview .times li")).hasCount(10);
      browser.screenshot("job-editor");
      assertThat(server.get(P + "/jobs/dash-shop").status()).as("nothing saved yet").isEqualTo(404);

      writeInTheEditor(browser, shopJob(product, 2));
      PlaywrightAssertions.assertThat(page.locator(".problems .ok"))
          .containsText("The server accepts this Job (3 payload items)");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save Job")).click();
      page.waitForURL(Pattern.compile(".*#/projects/demo/jobs/dash-shop$"));
      PlaywrightAssertions.assertThat(page.locator("h1")).containsText("dash-shop");
      PlaywrightAssertions.assertThat(page.locator(".panel ol.times li")).hasCount(10);
      assertThat(server.get(P + "/jobs/dash-shop").json().get("version").asInt()).isEqualTo(1);

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Trigger")).click();
      page.waitForURL(Pattern.compile(".*#/projects/demo/job-runs/[0-9A-Z]+$"));
      String jobRunId = page.url().replaceAll(".*/job-runs/", "");
      watchTheProgressBarReachTheEnd(browser);
      assertThat(server.jobRun(jobRunId).get("counts").get("completed").asInt()).isEqualTo(3);
      browser.screenshot("job-run");
      Download export =
          page.waitForDownload(
              () ->
                  page.getByRole(
                          AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export JSON Lines"))
                      .click());
      assertThat(export.suggestedFilename()).isEqualTo(jobRunId + ".jsonl");
      List<String> exported;
      try {
        exported = Files.readAllLines(export.path());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(exported)
          .hasSize(3)
          .allSatisfy(run -> assertThat(run).contains("\"jobRunId\":\"" + jobRunId + "\""));
      narrowScreen(browser);

      page.locator("select[name=apiName]").selectOption("details");
      page.waitForURL(Pattern.compile(".*apiName=details.*"));
      String filteredRuns = page.url();
      PlaywrightAssertions.assertThat(page.locator(".runs-table tbody tr")).hasCount(1);
      page.locator(".runs-table tbody tr a").click();
      page.waitForURL(Pattern.compile(".*#/projects/demo/runs/" + jobRunId + "-\\d+$"));
      readTheRun(browser, product);

      page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Trace")).click();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the trace")).click();
      FrameLocator viewer = page.frameLocator("iframe.trace-frame");
      PlaywrightAssertions.assertThat(viewer.getByText(Pattern.compile("^Navigate to")).first())
          .isVisible();
      PlaywrightAssertions.assertThat(viewer.getByText(Pattern.compile("^Navigate to")).first())
          .containsText(product);
      browser.screenshot("trace-viewer");
      // (The browser's Back button first steps back through the viewer's own history, which the
      // viewer writes as it opens a trace, so the page's link is the way back to the Run.)
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Back to the Run"))
          .click();
      page.waitForURL(Pattern.compile(".*#/projects/demo/runs/" + jobRunId + "-\\d+(\\?.*)?$"));
      page.navigate(filteredRuns);
      // the filter lives in the address
      PlaywrightAssertions.assertThat(page.locator("select[name=apiName]")).hasValue("details");
      PlaywrightAssertions.assertThat(page.locator(".runs-table tbody tr")).hasCount(1);

      pauseAndResume(browser, server);
      terminate(browser, server);
      deleteAfterConfirming(browser, server);

      page.navigate(server.server.baseUrl() + "/#/projects/demo/auth-sessions");
      PlaywrightAssertions.assertThat(page.locator("main")).containsText("No AuthSession yet");

      assertThat(browser.consoleErrors(DashboardTest::expectedHttpError))
          .as("console errors")
          .isEmpty();
    }
    assertThat(BrowserProcessesSeen.all()).as("processes left after the server stopped").isEmpty();
  }

  @Test
  void onA401TheDashboardAsksOnceForAnApiKeyKeepsItInTheTabAndSendsItWithEveryRequest() {
    ServerSettings settings =
        ServerSettings.defaults()
            .withBrowser(ServerSettings.defaults().browser().withEnabled(false));
    try (TestServer server = new TestServer(dataDir, settings);
        DashboardBrowser browser = new DashboardBrowser(settings, 1280, 800)) {
      Page page = browser.page;
      List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
      page.onRequest(
          request -> {
            if (request.url().contains("/api/v1/")) {
              keys.add(request.headers().getOrDefault("authorization", "none"));
            }
          });

      page.navigate(server.server.baseUrl() + "/#/projects/demo/jobs/new");
      Locator dialog = page.getByRole(AriaRole.DIALOG);
      PlaywrightAssertions.assertThat(dialog).containsText("Enter your API key");
      assertThat(keys).as("the editor asks for the schema and the Project at once").hasSize(2);
      assertThat(keys).containsOnly("none");
      PlaywrightAssertions.assertThat(dialog).hasCount(1);
      dialog.getByLabel("API key").fill(server.adminKey);
      dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use key")).click();

      PlaywrightAssertions.assertThat(page.locator(".problems .ok"))
          .containsText("The server accepts this Job");
      PlaywrightAssertions.assertThat(dialog).hasCount(0);
      assertThat(page.evaluate("() => sessionStorage.getItem('drover.apiKey')"))
          .isEqualTo(server.adminKey);
      assertThat(keys.subList(2, keys.size()))
          .as("every request after the prompt carries the key")
          .isNotEmpty()
          .containsOnly("Bearer " + server.adminKey);
      assertThat(
              browser.consoleErrors(
                  e ->
                      (e.contains("status of 401") && e.contains("/api/v1/"))
                          || expectedHttpError(e)))
          .isEmpty();
    }
  }

  /** Replaces the editor's whole text by pasting the document over it. */
  private static void writeInTheEditor(DashboardBrowser browser, String text) {
    Page page = browser.page;
    page.evaluate("text => navigator.clipboard.writeText(text)", text);
    page.locator(".monaco-editor .view-lines").click();
    page.keyboard().press("Control+A");
    page.keyboard().press("Control+V");
    page.waitForFunction("text => monaco.editor.getModels()[0].getValue() === text", text);
  }

  private static String editorText(Page page) {
    return (String) page.evaluate("() => monaco.editor.getModels()[0].getValue()");
  }

  private static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " is not in " + text);
  }

  /**
   * The bar fills as the Runs end, with no reload: the page is the same window object throughout.
   */
  private static void watchTheProgressBarReachTheEnd(DashboardBrowser browser) {
    Page page = browser.page;
    Locator bar = page.locator(".progress [role=progressbar]");
    PlaywrightAssertions.assertThat(bar).hasAttribute("aria-valuenow", Pattern.compile("\\d+"));
    page.evaluate(
        "() => { window.droverTestSeen = [];"
            + " const record = () => { const b = document.querySelector('.progress [role=progressbar]');"
            + " if (b) window.droverTestSeen.push(Number(b.getAttribute('aria-valuenow'))); };"
            + " record(); new MutationObserver(record).observe(document.querySelector('main'),"
            + " {subtree: true, childList: true, attributes: true}); }");
    PlaywrightAssertions.assertThat(bar).hasAttribute("aria-valuenow", "100", LONG);
    PlaywrightAssertions.assertThat(page.locator("h1 .badge")).hasText("COMPLETED");
    PlaywrightAssertions.assertThat(page.locator("[data-count=completed]")).hasText("3");
    PlaywrightAssertions.assertThat(
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Terminate")))
        .isHidden();
    @SuppressWarnings("unchecked")
    List<Number> seen = (List<Number>) page.evaluate("() => window.droverTestSeen");
    assertThat(seen).as("progress seen by the same page").isNotEmpty();
    assertThat(seen.get(0).intValue()).as("it started below 100%").isLessThan(100);
    assertThat(seen.get(seen.size() - 1).intValue()).isEqualTo(100);
  }

  private static void narrowScreen(DashboardBrowser browser) {
    Page page = browser.page;
    page.setViewportSize(390, 844);
    Number overflow =
        (Number)
            page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
    browser.screenshot("job-run-narrow");
    page.setViewportSize(1280, 800);
  }

  private static void readTheRun(DashboardBrowser browser, String product) {
    Page page = browser.page;
    PlaywrightAssertions.assertThat(page.locator("h1 .badge")).hasText("COMPLETED");
    PlaywrightAssertions.assertThat(page.locator("details.json").first()).isVisible();
    Locator lines = page.locator(".log-lines li");
    PlaywrightAssertions.assertThat(lines.first()).isVisible();
    assertThat(lines.count()).isGreaterThan(1);
    PlaywrightAssertions.assertThat(page.locator(".log-lines li.src-console").first())
        .containsText("viewed product");
    PlaywrightAssertions.assertThat(page.locator(".log-lines li.src-drover").first())
        .containsText("browser slot");
    page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Video")).click();
    page.waitForFunction(
        "() => { const v = document.querySelector('video'); return v && v.readyState >= 2; }");
    Object playing = page.locator("video").evaluate("v => v.play().then(() => !v.paused)");
    assertThat(playing).isEqualTo(true);
    page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Screenshot")).click();
    PlaywrightAssertions.assertThat(page.locator("#attempt-panel")).containsText("No screenshot");
    browser.screenshot("run");
  }

  private static void pauseAndResume(DashboardBrowser browser, TestServer server) {
    Page page = browser.page;
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Jobs").setExact(true))
        .click();
    Locator row = page.locator("tr[data-job=dash-shop]");
    PlaywrightAssertions.assertThat(row.locator(".badge").first()).hasText("ACTIVE");
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pause")).focus();
    page.keyboard().press("Enter");
    PlaywrightAssertions.assertThat(row.locator(".badge").first()).hasText("PAUSED");
    assertThat(server.get(P + "/jobs/dash-shop").json().get("status").asText()).isEqualTo("PAUSED");
    PlaywrightAssertions.assertThat(
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Trigger")))
        .isDisabled();
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resume")).click();
    PlaywrightAssertions.assertThat(row.locator(".badge").first()).hasText("ACTIVE");
    assertThat(server.get(P + "/jobs/dash-shop").json().get("status").asText()).isEqualTo("ACTIVE");
    browser.screenshot("jobs");
  }

  private static void terminate(DashboardBrowser browser, TestServer server) {
    Page page = browser.page;
    server.createJob(
        Docs.job("dash-slow", Docs.config(1, 2, 600), Docs.echoes(4, "\"sleepMs\":600000")));
    String jobRunId = server.trigger("dash-slow");
    page.navigate(Demo.dashboardUrl(server.server.baseUrl(), jobRunId));
    PlaywrightAssertions.assertThat(page.locator("h1 .badge")).hasText("RUNNING");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Terminate")).click();
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    PlaywrightAssertions.assertThat(dialog).containsText("dash-slow");
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Terminate")).click();
    PlaywrightAssertions.assertThat(page.locator("h1 .badge")).hasText("TERMINATED");
    assertThat(server.jobRun(jobRunId).get("status").asText()).isEqualTo("TERMINATED");
  }

  private static void deleteAfterConfirming(DashboardBrowser browser, TestServer server) {
    Page page = browser.page;
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Jobs").setExact(true))
        .click();
    Locator row = page.locator("tr[data-job=dash-slow]");
    Locator delete =
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete"));
    delete.click();
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    PlaywrightAssertions.assertThat(dialog).containsText("Delete Job dash-slow?");
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
    PlaywrightAssertions.assertThat(dialog).hasCount(0);
    assertThat(server.get(P + "/jobs/dash-slow").status()).as("canceled: kept").isEqualTo(200);
    delete.click();
    dialog
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete dash-slow"))
        .click();
    PlaywrightAssertions.assertThat(row).hasCount(0);
    assertThat(server.get(P + "/jobs/dash-slow").status()).isEqualTo(404);
    PlaywrightAssertions.assertThat(page.locator("tr[data-job=dash-shop]")).hasCount(1);
  }
}
