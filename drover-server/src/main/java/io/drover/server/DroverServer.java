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
import io.drover.core.project.ProjectJars;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.store.Store;
import io.drover.core.store.sqlite.SqliteStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One Drover server: store, engine and HTTP API, started and stopped together. */
public final class DroverServer implements AutoCloseable {
  private final ServerSettings settings;
  private final Store store;
  private final Engine engine;
  private final ArtifactRetention retention;
  private final Javalin http;

  private DroverServer(
      ServerSettings settings, ProjectRegistry projects, Clock clock, EngineEvents events) {
    this.settings = settings;
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
    }
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    this.store = SqliteStore.open(settings.dataDir());
    FileArtifactStore artifacts = new FileArtifactStore(settings.dataDir().resolve("artifacts"));
    AttemptExecutor executor =
        settings.browser().enabled()
            ? new BrowserExecutor(settings.browser(), settings.engine().slots(), artifacts, clock)
            : new DirectExecutor();
    this.engine =
        Engine.builder()
            .store(store)
            .projects(projects)
            .executor(executor)
            .artifacts(artifacts)
            .clock(clock)
            .settings(settings.engine())
            .json(json)
            .events(events)
            .build();
    this.retention = new ArtifactRetention(artifacts, clock, settings.artifactRetention());
    Jobs jobs = engine.jobs();
    Handlers handlers =
        new Handlers(new Handlers.Parts(store, engine, jobs, projects, artifacts, settings));
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
    DroverServer server = new DroverServer(settings, projects, clock, events);
    server.engine.start();
    server.retention.start(ArtifactRetention.DEFAULT_INTERVAL);
    server.http.start(settings.host(), settings.port());
    return server;
  }

  public int port() {
    return http.port();
  }

  public String baseUrl() {
    return "http://" + settings.host() + ":" + port();
  }

  /** The HTTP route table, for the test that checks every API path the dashboard calls. */
  java.util.List<io.javalin.router.ParsedEndpoint> routes() {
    return http.unsafe.internalRouter.allHttpHandlers();
  }

  /** Attempts the engine is executing or committing now. */
  public int inFlightCount() {
    return engine.inFlight();
  }

  @Override
  public void close() {
    http.stop();
    retention.close();
    engine.close();
    store.close();
  }
}
