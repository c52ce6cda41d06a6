package io.drover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.browser.BrowserExecutor;
import io.drover.core.browser.BrowserSettings;
import io.drover.core.browser.VideoSupport;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.Trigger;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.Page;
import io.drover.core.store.RunCounts;
import io.drover.core.store.RunRecord;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.examples.DemoProject;
import io.drover.examples.ShopDetails;
import io.drover.examples.ShopList;
import io.drover.examples.shop.Catalogue;
import io.drover.examples.shop.DemoShop;
import io.drover.examples.shop.Product;
import io.drover.sdk.Api;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The demo scrape (every category page and every product page of the demo shop) through Drover,
 * side by side with a plain Playwright-for-Java loop over the same pages with the same isolation,
 * in two layouts: a Chromium per thread, and one Chromium for all threads (each thread's Playwright
 * connected to it, see {@link SharedChromium}). Pages per second are measured from when every
 * browser is up to when the last page is done, with where the time goes: per page inside the
 * browser (plain: new context to closed context; Drover: each attempt from its claim to its
 * outcome) and slot time not spent on a page, per page: for Drover the engine committing, claiming
 * and handing over, plus slots waiting for work while the {@code list} pages have not yet found
 * enough pages to fill them (the plain loop is given all pages up front). CPU seconds per page by
 * kind of process (see {@link ProcessCpu}) and memory (the peak PSS of this JVM and all its browser
 * processes) cover each contender from before its browsers launch to after they closed. "bare": no
 * trace, no video. "full": trace and video per page, as Drover does by default. Usage: {@code
 * ScrapeBench [concurrencies, e.g. 1,2,4,8] [bare|full|both]}.
 */
public final class ScrapeBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CPU_KINDS =
      List.of(
          "total",
          "browser",
          "renderer",
          "gpu",
          "utility",
          "zygote",
          "driver",
          "jvm",
          "other",
          "unseen");

  private ScrapeBench() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      DemoShop.shared().close(); // its threads would keep a failed run's JVM up
    }
  }

  private static void run(String[] args) throws Exception {
    List<Integer> levels = new ArrayList<>();
    for (String level : (args.length > 0 ? args[0] : "1,2,4,8").split(",")) {
      levels.add(Integer.parseInt(level.trim()));
    }
    String modes = args.length > 1 ? args[1] : "both";
    List<PlainLoop.Visit> visits = visits();
    System.out.printf(
        "demo scrape: %d pages (%d category pages, %d product pages), %d cores%n",
        visits.size(),
        visits.size() - Catalogue.get().products().size(),
        Catalogue.get().products().size(),
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "features  concurrency  layout                pages/s  ms/page  idle ms/page  peak MB"
            + "  CPU-s/page:"
            + "  total  browser  renderer  gpu    utility  zygote  driver  jvm    other  unseen");
    for (boolean features :
        modes.equals("both") ? List.of(false, true) : List.of(modes.equals("full"))) {
      if (features) {
        // The plain loop records video too: Playwright's ffmpeg, as Drover's slots find it.
        VideoSupport video = VideoSupport.prepare();
        if (!video.available()) {
          throw new IllegalStateException("full mode needs video: " + video.reason());
        }
      }
      for (int concurrency : levels) {
        Path work = Files.createTempDirectory("drover-scrape-bench");
        try {
          for (String layout : List.of("plain, browser each", "plain, one browser", "Drover")) {
            ProcessMemory memory = new ProcessMemory();
            memory.start();
            PlainLoop.Measure measure =
                switch (layout) {
                  case "Drover" -> drover(concurrency, features, work.resolve("drover"));
                  default ->
                      PlainLoop.run(
                          visits,
                          concurrency,
                          features,
                          layout.contains("one"),
                          work.resolve("plain"));
                };
            double peakMb = memory.stopAndPeakMb();
            StringBuilder cpu = new StringBuilder();
            for (String kind : CPU_KINDS) {
              cpu.append(
                  String.format(
                      "  %-6.3f", measure.cpuSeconds().getOrDefault(kind, 0.0) / visits.size()));
            }
            System.out.printf(
                "%-8s  %11d  %-20s  %7.2f  %7.0f  %12.1f  %7.0f             %s%n",
                features ? "full" : "bare",
                concurrency,
                layout,
                visits.size() / measure.seconds(),
                1000 * measure.pageSeconds() / visits.size(),
                1000 * (concurrency * measure.seconds() - measure.pageSeconds()) / visits.size(),
                peakMb,
                cpu);
          }
        } finally {
          deleteTree(work);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<PlainLoop.Visit> visits() {
    Catalogue catalogue = Catalogue.get();
    Api<Object> list = (Api<Object>) (Api<?>) new ShopList();
    Api<Object> details = (Api<Object>) (Api<?>) new ShopDetails();
    List<PlainLoop.Visit> visits = new ArrayList<>();
    for (String category : catalogue.categories()) {
      for (int page = 1; page <= catalogue.pages(category); page++) {
        visits.add(new PlainLoop.Visit(list, new ShopList.Parameters(category, page)));
      }
    }
    for (Product product : catalogue.products()) {
      visits.add(new PlainLoop.Visit(details, new ShopDetails.Parameters(product.path())));
    }
    return visits;
  }

  /** The time Drover takes for the demo Job once its slots' browsers are up. */
  private static PlainLoop.Measure drover(int concurrency, boolean features, Path dataDir)
      throws Exception {
    Files.createDirectories(dataDir);
    ProcessCpu cpu = new ProcessCpu();
    cpu.start();
    Clock clock = Clock.system();
    ProjectRegistry projects = new ProjectRegistry().register(new DemoProject());
    FileArtifactStore artifacts = new FileArtifactStore(dataDir.resolve("artifacts"));
    PlainLoop.Measure measure;
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      BrowserExecutor executor =
          new BrowserExecutor(
              BrowserSettings.defaults().withVideo(features), concurrency, artifacts, clock);
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(projects)
              .executor(executor)
              .artifacts(artifacts)
              .clock(clock)
              .settings(EngineSettings.defaults().withSlots(concurrency))
              .build();
      Jobs jobs = engine.jobs();
      engine.start();
      try {
        runJob(jobs, store, warmUp(concurrency));
        long start = System.nanoTime();
        String jobRunId = runJob(jobs, store, demoJob(concurrency, features));
        double seconds = (System.nanoTime() - start) / 1e9;
        measure = new PlainLoop.Measure(seconds, attemptSeconds(store, jobRunId), Map.of());
      } finally {
        engine.close();
      }
    }
    // Counted once the browsers are closed, so their drivers have reaped them.
    return measure.withCpu(cpu.stopAndSeconds());
  }

  /** The time the JobRun's attempts took, each from its claim to its outcome, summed. */
  private static double attemptSeconds(SqliteStore store, String jobRunId) {
    long millis = 0;
    String cursor = null;
    do {
      Page<RunRecord> runs = store.listRuns(jobRunId, null, null, cursor, 500);
      for (RunRecord run : runs.items()) {
        for (AttemptRecord attempt : store.listAttempts(run.id())) {
          millis += Duration.between(attempt.startedAt(), attempt.endedAt()).toMillis();
        }
      }
      cursor = runs.nextCursor();
    } while (cursor != null);
    return millis / 1e3;
  }

  private static String runJob(Jobs jobs, SqliteStore store, ObjectNode document) throws Exception {
    jobs.create("demo", new ByteArrayInputStream(JSON.writeValueAsBytes(document)));
    JobRunRecord jobRun = jobs.trigger("demo", document.get("id").asText(), Trigger.MANUAL);
    RunCounts counts;
    do {
      Thread.sleep(20);
      counts = store.countRuns(jobRun.id());
    } while (counts.pending() + counts.running() > 0);
    if (counts.failed() > 0) {
      throw new IllegalStateException(
          document.get("id").asText() + ": " + counts.failed() + " Runs failed");
    }
    return jobRun.id();
  }

  /** One page per slot, so every slot's browser is launched before the clock starts. */
  private static ObjectNode warmUp(int concurrency) {
    ObjectNode job = JSON.createObjectNode().put("id", "warm-up");
    job.putObject("configuration")
        .put("maximumConcurrentRequests", concurrency)
        .put("trace", "off");
    for (int i = 0; i < concurrency; i++) {
      job.withArray("payload")
          .addObject()
          .put("apiName", "visit")
          .putObject("parameters")
          .put("path", "/slow?ms=500");
    }
    return job;
  }

  private static ObjectNode demoJob(int concurrency, boolean features) throws IOException {
    try (InputStream in =
        ScrapeBench.class.getResourceAsStream("/io/drover/examples/jobs/demo-shop.json")) {
      ObjectNode job = (ObjectNode) JSON.readTree(in);
      job.put("id", "bench");
      ((ObjectNode) job.get("configuration"))
          .put("maximumConcurrentRequests", concurrency)
          .put("trace", features ? "on" : "off");
      return job;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
