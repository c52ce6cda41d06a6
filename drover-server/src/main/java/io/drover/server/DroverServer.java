package io.drover.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactRetention;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.browser.BrowserExecutor;
import io.drover.core.engine.AttemptExecutor;
import io.drover.core.engine.DirectExecutor;
import io.drover.core.engine.Engine;
import io.drover.core.engine.EngineEvents;
import io.drover.core.engine.Jobs;
import io.drover.core.engine.Node;
import io.drover.core.engine.Reaper;
import io.drover.core.project.ProjectJars;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.sink.Deliverer;
import io.drover.core.store.Store;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;

/** One Drover server: store, engine and HTTP API, started and stopped together. */
public final class DroverServer implements AutoCloseable {
  private final ServerSettings settings;
  private final Store store;
  private final Engine engine;
  private final ArtifactRetention retention;
  private final Javalin http;
  private final Metrics metrics = new Metrics();
  private MetricsPort metricsPort;

  private DroverServer(
      ServerSettings settings,
      ProjectRegistry projects,
      Clock clock,
      EngineEvents events,
      UnaryOperator<Store> storeView) {
    settings.access().check(settings.host());
    this.settings = settings;
    try {
      io.drover.core.PrivateFiles.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
    }
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    this.store = storeView.apply(settings.database().open(settings.dataDir()));
    FileArtifactStore artifacts = new FileArtifactStore(settings.dataDir().resolve("artifacts"));
    BrowserExecutor browser =
        settings.browser().enabled()
            ? new BrowserExecutor(
                settings.browser(),
                settings.engine().slots(),
                artifacts,
                clock,
                new BrowserMetrics(metrics))
            : null;
    AttemptExecutor executor = browser != null ? browser : new DirectExecutor();
    this.engine =
        Engine.builder()
            .store(store)
            .projects(projects)
            .executor(executor)
            .artifacts(artifacts)
            .clock(clock)
            .settings(settings.engine())
            .json(json)
            .events(EngineEvents.all(List.of(new EngineMetrics(metrics, clock), events)))
            .node(settings.node().node(settings.host(), settings.port()))
            .loop(Reaper::new)
            .secrets(SecretBox.open(settings.dataDir(), System.getenv()))
            .loop(Deliverer.factory())
            .build();
    metrics.gauges(engine, store, browser);
    this.retention = new ArtifactRetention(artifacts, clock, settings.artifactRetention());
    Jobs jobs = engine.jobs();
    ApiKeys keys = new ApiKeys(store, clock, engine.ids());
    if (settings.access().keysRequired()) {
      keys.ensureAdminKey(settings.dataDir());
    }
    Handlers handlers =
        new Handlers(
            new Handlers.Parts(
                store,
                engine,
                jobs,
                projects,
                artifacts,
                settings,
                keys,
                metrics,
                new Cursors(SecretBox.open(settings.dataDir(), System.getenv()))));
    this.http = Javalin.create(config -> Routes.configure(config, handlers, settings));
  }

  /** Starts a server with every Project found on the class path and in the projects directory. */
  public static DroverServer start(ServerSettings settings) {
    return start(settings, EngineEvents.NONE);
  }

  static DroverServer start(ServerSettings settings, EngineEvents events) {
    ClassLoader loader =
        ProjectJars.loader(settings.projectsDir(), DroverServer.class.getClassLoader());
    return start(settings, ProjectRegistry.discover(loader), Clock.system(), events);
  }

  public static DroverServer start(ServerSettings settings, ProjectRegistry projects, Clock clock) {
    return start(settings, projects, clock, EngineEvents.NONE);
  }

  /** {@code events} hears what the engine does (tests wait on it instead of polling). */
  static DroverServer start(
      ServerSettings settings, ProjectRegistry projects, Clock clock, EngineEvents events) {
    return start(settings, projects, clock, events, UnaryOperator.identity());
  }

  /**
   * {@code storeView} sees the store first and returns what the server uses (tests count the store
   * calls a request makes through it).
   */
  static DroverServer start(
      ServerSettings settings,
      ProjectRegistry projects,
      Clock clock,
      EngineEvents events,
      UnaryOperator<Store> storeView) {
    DroverServer server = new DroverServer(settings, projects, clock, events, storeView);
    server.engine.start();
    server.retention.start(ArtifactRetention.DEFAULT_INTERVAL);
    server.http.start(settings.host(), settings.port());
    if (settings.access().metricsPort() != AccessSettings.NO_METRICS_PORT) {
      server.metricsPort = new MetricsPort(server.metrics, settings.access().metricsPort());
    }
    return server;
  }

  /** Who this server is among the nodes sharing its database. */
  public Node node() {
    return engine.parts().node();
  }

  public int port() {
    return http.port();
  }

  public String baseUrl() {
    return "http://" + settings.host() + ":" + port();
  }

  /** The routes this server answers. */
  RouteTable routes() {
    return RouteTable.of(http);
  }

  /** Javalin's own route entries, for the test that matches the dashboard's API paths. */
  java.util.List<io.javalin.router.ParsedEndpoint> endpoints() {
    return http.unsafe.internalRouter.allHttpHandlers();
  }

  /** Attempts the engine is executing or committing now. */
  public int inFlightCount() {
    return engine.inFlight();
  }

  /** The loopback port serving {@code /metrics} without a key, if {@code metrics-port} is set. */
  java.util.OptionalInt metricsPort() {
    return metricsPort == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(metricsPort.port());
  }

  @Override
  public void close() {
    if (metricsPort != null) {
      metricsPort.close();
    }
    http.stop();
    retention.close();
    engine.close();
    store.close();
  }
}
