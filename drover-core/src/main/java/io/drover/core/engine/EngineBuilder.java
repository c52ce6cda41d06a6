package io.drover.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.Clock;
import io.drover.core.artifact.ArtifactStore;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The one way to assemble an {@link Engine}: a store, the Projects and where attempt artifacts go
 * are required; everything else has a default. The server, the benchmarks and the tests all build
 * their engines here.
 */
public final class EngineBuilder {
  private Store store;
  private ProjectRegistry projects;
  private ArtifactStore artifacts;
  private AttemptExecutor executor = new DirectExecutor();
  private Clock clock = Clock.system();
  private EngineSettings settings = EngineSettings.defaults();
  private RandomGenerator random = new SplittableRandom();
  private ObjectMapper json = new ObjectMapper();
  private EngineEvents events = EngineEvents.NONE;
  private Node node;
  private final List<EngineLoop.Factory> loops = new ArrayList<>();
  private SecretBox secrets;

  EngineBuilder() {}

  public EngineBuilder store(Store value) {
    this.store = Objects.requireNonNull(value, "store");
    return this;
  }

  public EngineBuilder projects(ProjectRegistry value) {
    this.projects = Objects.requireNonNull(value, "projects");
    return this;
  }

  public EngineBuilder artifacts(ArtifactStore value) {
    this.artifacts = Objects.requireNonNull(value, "artifacts");
    return this;
  }

  /** Runs user code; default {@link DirectExecutor} (no browser). */
  public EngineBuilder executor(AttemptExecutor value) {
    this.executor = Objects.requireNonNull(value, "executor");
    return this;
  }

  /** Default: the system clock. Tests give a settable one. */
  public EngineBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** Default: {@link EngineSettings#defaults()}. */
  public EngineBuilder settings(EngineSettings value) {
    this.settings = Objects.requireNonNull(value, "settings");
    return this;
  }

  /** Draws schedule jitter; seed it for repeatable tests. */
  public EngineBuilder random(RandomGenerator value) {
    this.random = Objects.requireNonNull(value, "random");
    return this;
  }

  /** Turns API parameters and results into JSON and back. */
  public EngineBuilder json(ObjectMapper value) {
    this.json = Objects.requireNonNull(value, "json");
    return this;
  }

  /** Who is told what the engine did (metrics, tests); default nobody. */
  public EngineBuilder events(EngineEvents value) {
    this.events = Objects.requireNonNull(value, "events");
    return this;
  }

  /**
   * Who this engine is among the engines sharing its store, and its lease. Default: {@link
   * Node#local()}, the only node on its database. Give every node of a cluster its own.
   */
  public EngineBuilder node(Node value) {
    this.node = Objects.requireNonNull(value, "node");
    return this;
  }

  /**
   * Seals the secrets the engine stores (sink headers and keys). Without one, a key made for this
   * engine only: what it sealed does not open after a restart (tests).
   */
  public EngineBuilder secrets(SecretBox value) {
    this.secrets = Objects.requireNonNull(value, "secrets");
    return this;
  }

  /** Adds a loop that starts and stops with the engine (e.g. the deliverer). */
  public EngineBuilder loop(EngineLoop.Factory factory) {
    loops.add(Objects.requireNonNull(factory, "loop"));
    return this;
  }

  /** The engine, not started yet: {@link Engine#start()} recovers and starts its loops. */
  public Engine build() {
    require(store, "store");
    require(projects, "projects");
    require(artifacts, "artifacts");
    EngineParts parts =
        new EngineParts(
            store,
            projects,
            executor,
            artifacts,
            clock,
            settings,
            events,
            node != null ? node : Node.local(),
            secrets != null ? secrets : SecretBox.ephemeral());
    return new Engine(parts, json, random, loops);
  }

  private static void require(Object value, String part) {
    if (value == null) {
      throw new IllegalStateException(
          "engine: no " + part + " given; call EngineBuilder." + part + "(...) before build()");
    }
  }
}
