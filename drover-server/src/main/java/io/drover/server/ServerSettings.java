package io.drover.server;

import io.drover.core.browser.BrowserSettings;
import io.drover.core.engine.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a server is configured. Read from, in increasing priority: defaults, the configuration file
 * ({@code drover.toml}), environment variables ({@code DROVER_PORT}, ...), command-line flags
 * ({@code --port 8080}); every name is a row of {@link SettingsTable}. {@code artifactRetention}
 * zero keeps attempt artifacts forever. {@code database} is SQLite in the data directory unless it
 * names a PostgreSQL database; {@code node} says who this server is among the nodes sharing it.
 */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    Path projectsDir,
    long maxRequestBytes,
    EngineSettings engine,
    BrowserSettings browser,
    Duration artifactRetention,
    AccessSettings access,
    DatabaseSettings database,
    NodeSettings node) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  /** Users' Project jars; read at start-up if the directory exists. */
  public static final Path DEFAULT_PROJECTS_DIR = Path.of("projects");

  public static final long DEFAULT_MAX_REQUEST_BYTES = 256L * 1024 * 1024;
  public static final Duration DEFAULT_ARTIFACT_RETENTION = Duration.ofDays(30);

  public ServerSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host = '" + host + "': expected an address or name");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port = " + port + ": expected 0 to 65535 (0: any free port)");
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException(
          "max-request-bytes = " + maxRequestBytes + ": expected at least 1024");
    }
    if (artifactRetention.isNegative()) {
      throw new IllegalArgumentException(
          "artifact-retention-days = "
              + artifactRetention.toDays()
              + ": expected zero (keep forever) or more");
    }
  }

  public static ServerSettings defaults() {
    return new ServerSettings(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_DATA_DIR,
        DEFAULT_PROJECTS_DIR,
        DEFAULT_MAX_REQUEST_BYTES,
        EngineSettings.defaults().withSlots(BrowserSettings.suggestedSlots()),
        BrowserSettings.defaults(),
        DEFAULT_ARTIFACT_RETENTION,
        AccessSettings.defaults(),
        DatabaseSettings.SQLITE,
        NodeSettings.DEFAULTS);
  }

  public ServerSettings withHost(String value) {
    return new ServerSettings(
        value,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withPort(int value) {
    return new ServerSettings(
        host,
        value,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withDataDir(Path value) {
    return new ServerSettings(
        host,
        port,
        value,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withProjectsDir(Path value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        value,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withMaxRequestBytes(long value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        value,
        engine,
        browser,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withEngine(EngineSettings value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        value,
        browser,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withBrowser(BrowserSettings value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        value,
        artifactRetention,
        access,
        database,
        node);
  }

  public ServerSettings withArtifactRetention(Duration value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        value,
        access,
        database,
        node);
  }

  public ServerSettings withAccess(AccessSettings value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        value,
        database,
        node);
  }

  public ServerSettings withDatabase(DatabaseSettings value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        access,
        value,
        node);
  }

  public ServerSettings withNode(NodeSettings value) {
    return new ServerSettings(
        host,
        port,
        dataDir,
        projectsDir,
        maxRequestBytes,
        engine,
        browser,
        artifactRetention,
        access,
        database,
        value);
  }

  /** Applies named options (from a file, the environment or flags); unknown names are errors. */
  public ServerSettings with(Map<String, String> options, String source) {
    ServerSettings s = this;
    for (Map.Entry<String, String> option : options.entrySet()) {
      s = SettingsTable.named(option.getKey(), source).applyFrom(s, option.getValue(), source);
    }
    return s;
  }
}
