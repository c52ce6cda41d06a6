package io.drover.core.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.playwright.Page;
import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactKind;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.engine.AttemptContext;
import io.drover.core.engine.AttemptOptions;
import io.drover.core.job.TraceMode;
import io.drover.sdk.Api;
import io.drover.sdk.Execution;
import io.drover.sdk.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser slots in real Chromium: lazy launch, artifacts, stopping, crashes, recycling, no leaks.
 */
class BrowserExecutorTest {
  private static final AtomicInteger RUNS = new AtomicInteger();

  @TempDir Path artifactsDir;
  TestSite site;
  FileArtifactStore artifacts;
  BrowserExecutor executor;

  @BeforeEach
  void start() throws IOException {
    site = new TestSite();
    artifacts = new FileArtifactStore(artifactsDir);
  }

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
      assertThat(processes()).as("marked processes left after close").isEmpty();
      assertThat(browserDescendants()).as("driver, Chromium or ffmpeg left after close").isEmpty();
    }
    site.close();
  }

  private BrowserExecutor executor(BrowserSettings settings) {
    executor = new BrowserExecutor(settings, 1, artifacts, Clock.system());
    return executor;
  }

  private BrowserExecutor executor() {
    return executor(BrowserSettings.defaults());
  }

  private List<BrowserProcesses.Marked> processes() {
    return BrowserProcesses.find(m -> m.startsWith(executor.markerPrefix()));
  }

  /** Drivers, Chromium and ffmpeg started by this JVM that still run. */
  static List<String> browserDescendants() {
    return ProcessHandle.current()
        .descendants()
        .filter(BrowserProcesses::live)
        .map(p -> p.pid() + " " + p.info().command().orElse("?"))
        .filter(c -> c.contains("chrom") || c.endsWith("/node") || c.contains("ffmpeg"))
        .toList();
  }

  private static AttemptContext context(TraceMode trace) {
    int n = RUNS.incrementAndGet();
    Execution execution = new Execution("p", "job", "jr", "run-" + n, "test", 1, null);
    return new AttemptContext(
        execution,
        Duration.ofSeconds(60),
        Clock.system(),
        name -> true,
        1_000,
        new AttemptOptions(trace));
  }

  @SuppressWarnings("unchecked")
  private static Api<Object> api(ApiBody body) {
    return new Api<>() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Class<Object> parametersType() {
        return Object.class;
      }

      @Override
      public Object run(Object parameters, RunContext context) throws Exception {
        return body.run(context);
      }
    };
  }

  interface ApiBody {
    Object run(RunContext context) throws Exception;
  }

  private Object execute(AttemptContext context, ApiBody body) throws Exception {
    return executor.execute(api(body), null, context);
  }

  private byte[] artifact(AttemptContext context, ArtifactKind kind) throws IOException {
    try (InputStream in =
        artifacts
            .open(context.execution().runId(), 1, kind)
            .orElseThrow(() -> new AssertionError("no " + kind))) {
      return in.readAllBytes();
    }
  }

  private boolean has(AttemptContext context, ArtifactKind kind) throws IOException {
    return artifacts.open(context.execution().runId(), 1, kind).isPresent();
  }

  private static List<String> messages(AttemptContext context) {
    return context.logLines().stream()
        .map(l -> l.source() + " " + l.level() + " " + l.message())
        .toList();
  }

  @Test
  void anApiThatNeverAsksForAPageLaunchesNoBrowser() throws Exception {
    executor();
    AttemptContext context = context(TraceMode.ON);

    Object result = execute(context, c -> "no page needed");

    assertThat(result).isEqualTo("no page needed");
    assertThat(processes()).isEmpty();
    assertThat(has(context, ArtifactKind.TRACE)).isFalse();
  }

  @Test
  void aPageAttemptLeavesConsoleLinesATraceAndAVideo() throws Exception {
    executor();
    AttemptContext context = context(TraceMode.ON);

    Object title =
        execute(
            context,
            c -> {
              Page page = c.page();
              page.navigate(site.url("/"));
              page.waitForTimeout(200); // lets the page's timer throw
              return page.title();
            });

    assertThat(title).isEqualTo("Hello");
    assertThat(messages(context))
        .contains("console INFO hello from the page", "console ERROR an error from the page")
        .anyMatch(line -> line.startsWith("page ERROR") && line.contains("boom"));
    assertThat(zipEntries(artifact(context, ArtifactKind.TRACE)))
        .contains("trace.trace", "trace.network");
    assertThat(Arrays.copyOf(artifact(context, ArtifactKind.VIDEO), 4))
        .containsExactly(0x1A, 0x45, 0xDF, 0xA3); // EBML, the container of WebM
    assertThat(has(context, ArtifactKind.SCREENSHOT)).isFalse();
  }

  @Test
  void onFailureKeepsTheTraceAndAScreenshotOfFailedAttemptsOnly() throws Exception {
    executor();
    AttemptContext failing = context(TraceMode.ON_FAILURE);
    AttemptContext passing = context(TraceMode.ON_FAILURE);

    Throwable thrown =
        catchThrowable(
            () ->
                execute(
                    failing,
                    c -> {
                      c.page().navigate(site.url("/"));
                      throw new IllegalStateException("the product price is missing");
                    }));
    execute(passing, c -> c.page().navigate(site.url("/")).status());

    assertThat(thrown).hasMessage("the product price is missing");
    assertThat(Arrays.copyOf(artifact(failing, ArtifactKind.SCREENSHOT), 4))
        .containsExactly(0x89, 'P', 'N', 'G');
    assertThat(has(failing, ArtifactKind.TRACE)).isTrue();
    assertThat(has(passing, ArtifactKind.TRACE)).isFalse();
    assertThat(has(passing, ArtifactKind.SCREENSHOT)).isFalse();
  }

  @Test
  void traceOffRecordsNoTrace() throws Exception {
    executor();
    AttemptContext context = context(TraceMode.OFF);

    assertThat(
            catchThrowable(
                () ->
                    execute(
                        context,
                        c -> {
                          c.page().navigate(site.url("/"));
                          throw new IllegalStateException("fails");
                        })))
        .isNotNull();

    assertThat(has(context, ArtifactKind.TRACE)).isFalse();
    assertThat(has(context, ArtifactKind.SCREENSHOT)).isTrue();
  }

  @Test
  void stoppingAHungNavigationEndsTheAttemptKeepsItsTraceAndTheBrowser() throws Exception {
    executor();
    AttemptContext hung = context(TraceMode.ON);
    CompletableFuture<Throwable> outcome =
        runInBackground(
            hung,
            c -> {
              Page page = c.page();
              page.setDefaultNavigationTimeout(0);
              return page.navigate(site.url("/hang"));
            });
    assertThat(site.hangRequested.await(120, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    executor.stop(hung, worker);
    Throwable thrown = outcome.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(thrown).isNotNull();
    assertThat(has(hung, ArtifactKind.TRACE)).isTrue();
    AttemptContext next = context(TraceMode.ON);
    assertThat(execute(next, c -> c.page().navigate(site.url("/")).status())).isEqualTo(200);
    assertThat(messages(next))
        .anyMatch(line -> line.contains("Chromium #1 of the slot, context 2"));
  }

  @Test
  void aKilledBrowserFailsTheAttemptClearlyAndTheNextAttemptGetsANewOne() throws Exception {
    executor();
    AttemptContext victim = context(TraceMode.ON);
    CompletableFuture<Throwable> outcome =
        runInBackground(
            victim,
            c -> {
              Page page = c.page();
              page.setDefaultNavigationTimeout(0);
              return page.navigate(site.url("/hang"));
            });
    assertThat(site.hangRequested.await(120, TimeUnit.SECONDS)).isTrue();

    List<BrowserProcesses.Marked> browsers =
        processes().stream().filter(BrowserProcesses.Marked::browser).toList();
    assertThat(browsers).hasSize(1);
    browsers.get(0).handle().destroyForcibly();
    Throwable thrown = outcome.get(60, TimeUnit.SECONDS);

    assertThat(thrown)
        .isInstanceOf(BrowserCrashedException.class)
        .hasMessageContaining("crashed or was killed");
    AttemptContext next = context(TraceMode.ON);
    assertThat(execute(next, c -> c.page().navigate(site.url("/")).status())).isEqualTo(200);
    assertThat(messages(next))
        .anyMatch(line -> line.contains("Chromium #2 of the slot, context 1"));
    assertThat(processes().stream().filter(BrowserProcesses.Marked::browser)).hasSize(1);
  }

  @Test
  void aBrowserIsRecycledAfterItsContexts() throws Exception {
    executor(BrowserSettings.defaults().withContextsPerBrowser(2).withVideo(false));
    String[] lines = new String[3];

    for (int i = 0; i < 3; i++) {
      AttemptContext context = context(TraceMode.OFF);
      execute(context, c -> c.page().navigate(site.url("/")).status());
      lines[i] =
          messages(context).stream()
              .filter(l -> l.contains("Chromium #"))
              .findFirst()
              .orElseThrow();
    }

    assertThat(lines[0]).contains("Chromium #1 of the slot, context 1 of 2");
    assertThat(lines[1]).contains("Chromium #1 of the slot, context 2 of 2");
    assertThat(lines[2]).contains("Chromium #2 of the slot, context 1 of 2");
  }

  @Test
  void aSlotWhoseApiIgnoresTheStopIsReplaced() throws Exception {
    executor(
        BrowserSettings.defaults().withStopTimes(Duration.ofMillis(200), Duration.ofMillis(300)));
    CountDownLatch release = new CountDownLatch(1);
    AttemptContext stubborn = context(TraceMode.ON);
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Throwable> outcome =
        runInBackground(
            stubborn,
            c -> {
              running.countDown();
              while (true) {
                try {
                  if (release.await(10, TimeUnit.SECONDS)) {
                    return "released";
                  }
                } catch (InterruptedException ignored) {
                  // an API that swallows interrupts
                }
              }
            });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    executor.stop(stubborn, worker);
    Throwable thrown = outcome.get(5, TimeUnit.SECONDS);

    assertThat(thrown).hasMessageContaining("did not return after it was stopped");
    assertThat(execute(context(TraceMode.ON), c -> "a fresh slot")).isEqualTo("a fresh slot");
    release.countDown();
  }

  private volatile Thread worker;

  private CompletableFuture<Throwable> runInBackground(AttemptContext context, ApiBody body) {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                execute(context, body);
                outcome.complete(null);
              } catch (Throwable e) {
                outcome.complete(e);
              }
            },
            "test-worker");
    worker = thread;
    thread.start();
    return outcome;
  }

  private static List<String> zipEntries(byte[] zip) throws IOException {
    List<String> names = new java.util.ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
