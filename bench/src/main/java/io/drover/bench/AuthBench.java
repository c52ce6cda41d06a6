package io.drover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.drover.core.Clock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.browser.BrowserExecutor;
import io.drover.core.browser.BrowserSettings;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineSettings;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.state.Trigger;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunCounts;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.examples.DemoAuthCheck;
import io.drover.examples.DemoAuthCreate;
import io.drover.examples.ShopAccount;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.Api;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an AuthSession costs per attempt: the demo shop's account page read by N attempts at
 * concurrency 1 and 4 (bare: no trace, no video), once with a READY AuthSession (each attempt's
 * context opened with its state, then the check, one more navigation, in the same page) and once
 * without: an API that puts the same session cookie into its fresh context itself and reads the
 * same page. Usage: {@code AuthBench [concurrencies, e.g. 1,4] [attempts per concurrency]}.
 */
public final class AuthBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile String cookie;

  private AuthBench() {}

  /** The baseline: the account page with the cookie set by hand, no session, no check. */
  static final class CookieAccount implements Api<JsonParameters> {
    @Override
    public String name() {
      return "account-by-cookie";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) {
      Page page = context.page();
      DemoShop shop = DemoShop.shared();
      page.context()
          .addCookies(List.of(new Cookie("session", cookie).setUrl(shop.baseUrl() + "/")));
      page.navigate(shop.url("/account"));
      String user = page.locator("h1.welcome").getAttribute("data-user");
      if (user == null) {
        throw new IllegalStateException("account-by-cookie: not logged in");
      }
      return Map.of("user", user);
    }
  }

  static final class BenchProject implements Project {
    @Override
    public String name() {
      return "bench";
    }

    @Override
    public List<Api<?>> apis() {
      return List.of(new ShopAccount(), new CookieAccount());
    }

    @Override
    public Optional<AuthCreate> authCreate() {
      return Optional.of(new DemoAuthCreate());
    }

    @Override
    public Optional<AuthCheck> authCheck() {
      return Optional.of(new DemoAuthCheck());
    }
  }

  public static void main(String[] args) throws Exception {
    List<Integer> levels = new ArrayList<>();
    for (String level : (args.length > 0 ? args[0] : "1,4").split(",")) {
      levels.add(Integer.parseInt(level.trim()));
    }
    int attempts = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    System.out.println(Machine.describe());
    cookie = DemoShop.shared().logIn(DemoShop.USER, DemoShop.PASSWORD).orElseThrow();
    System.out.println(
        "concurrency  attempts  without session pages/s  with session pages/s  session cost");
    for (int concurrency : levels) {
      Path work = Files.createTempDirectory("drover-auth-bench");
      try {
        double[] rates = run(concurrency, attempts, work);
        System.out.printf(
            "%11d  %8d  %23.2f  %20.2f  %11.1f%%%n",
            concurrency, attempts, rates[0], rates[1], 100 * (1 - rates[1] / rates[0]));
      } finally {
        try (var paths = Files.walk(work)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    DemoShop.shared().close();
  }

  /** Pages/s without, with, without, with a session; the better of each pair. */
  private static double[] run(int concurrency, int attempts, Path dataDir) throws Exception {
    ProjectRegistry projects = new ProjectRegistry().register(new BenchProject());
    FileArtifactStore artifacts = new FileArtifactStore(dataDir.resolve("artifacts"));
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      BrowserExecutor executor =
          new BrowserExecutor(
              BrowserSettings.defaults().withVideo(false), concurrency, artifacts, Clock.system());
      Engine engine =
          Engine.builder()
              .store(store)
              .projects(projects)
              .executor(executor)
              .artifacts(artifacts)
              .settings(EngineSettings.defaults().withSlots(concurrency))
              .build();
      engine.start();
      try {
        engine.createAuthSession(
            "bench",
            "login",
            new JsonParameters(Map.of("username", DemoShop.USER, "password", DemoShop.PASSWORD)));
        while (engine.authSessions().find("bench", "login").orElseThrow().status()
            == AuthSessionStatus.PENDING) {
          Thread.sleep(50);
        }
        Jobs jobs = engine.jobs();
        time(jobs, store, job("warm", "account-by-cookie", concurrency, concurrency, false));
        double[] best = {0, 0};
        for (int round = 0; round < 2; round++) {
          int n = round;
          best[0] =
              Math.max(
                  best[0],
                  time(
                      jobs,
                      store,
                      job("plain" + n, "account-by-cookie", attempts, concurrency, false)));
          best[1] =
              Math.max(
                  best[1],
                  time(jobs, store, job("session" + n, "account", attempts, concurrency, true)));
        }
        return best;
      } finally {
        engine.close();
      }
    }
  }

  private static ObjectNode job(
      String id, String api, int attempts, int concurrency, boolean session) {
    ObjectNode job = JSON.createObjectNode().put("id", id);
    job.putObject("configuration")
        .put("maximumConcurrentRequests", concurrency)
        .put("trace", "off");
    if (session) {
      job.putObject("authSession").put("id", "login");
    }
    for (int i = 0; i < attempts; i++) {
      job.withArray("payload").addObject().put("apiName", api);
    }
    return job;
  }

  /** Pages per second of the Job's JobRun, trigger to end. */
  private static double time(Jobs jobs, SqliteStore store, ObjectNode document) throws Exception {
    jobs.create("bench", new ByteArrayInputStream(JSON.writeValueAsBytes(document)));
    long start = System.nanoTime();
    JobRunRecord jobRun = jobs.trigger("bench", document.get("id").asText(), Trigger.MANUAL);
    RunCounts counts;
    do {
      Thread.sleep(10);
      counts = store.countRuns(jobRun.id());
    } while (counts.pending() + counts.running() > 0);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (counts.failed() > 0) {
      throw new IllegalStateException(
          document.get("id").asText() + ": " + counts.failed() + " Runs failed");
    }
    return document.get("payload").size() / seconds;
  }
}
