package io.drover.server;

import io.drover.core.engine.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a server is configured. Read from, in increasing priority: defaults, a properties file
 * ({@code --config FILE}), environment variables ({@code DROVER_PORT}, ...), command-line flags
 * ({@code --port 8080}).
 */
public record ServerSettings(
    String host, int port, Path dataDir, Path projectsDir, long maxRequestBytes, EngineSettings engine) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  /** Users' Project jars; read at start-up if the directory exists. */
  public static final Path DEFAULT_PROJECTS_DIR = Path.of("projects");
  public static final long DEFAULT_MAX_REQUEST_BYTES = 256L * 1024 * 1024;

  public ServerSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port = " + port + ": expected 0 to 65535 (0: any free port)");
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("maxRequestBytes = " + maxRequestBytes + ": expected at least 1024");
    }
  }

  public static ServerSettings defaults() {
    return new ServerSettings(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_DATA_DIR,
        DEFAULT_PROJECTS_DIR,
        DEFAULT_MAX_REQUEST_BYTES,
        EngineSettings.defaults());
  }

  public ServerSettings withPort(int value) {
    return new ServerSettings(host, value, dataDir, projectsDir, maxRequestBytes, engine);
  }

  public ServerSettings withDataDir(Path value) {
    return new ServerSettings(host, port, value, projectsDir, maxRequestBytes, engine);
  }

  public ServerSettings withMaxRequestBytes(long value) {
    return new ServerSettings(host, port, dataDir, projectsDir, value, engine);
  }

  public ServerSettings withEngine(EngineSettings value) {
    return new ServerSettings(host, port, dataDir, projectsDir, maxRequestBytes, value);
  }

  /** Applies named options (from a file, the environment or flags); unknown names are errors. */
  public ServerSettings with(Map<String, String> options, String source) {
    ServerSettings s = this;
    for (Map.Entry<String, String> option : options.entrySet()) {
      String name = option.getKey();
      String value = option.getValue();
      s =
          switch (name) {
            case "host" ->
                new ServerSettings(value, s.port, s.dataDir, s.projectsDir, s.maxRequestBytes, s.engine);
            case "projects" ->
                new ServerSettings(s.host, s.port, s.dataDir, Path.of(value), s.maxRequestBytes, s.engine);
            case "port" -> s.withPort(integer(name, value, source));
            case "data" -> s.withDataDir(Path.of(value));
            case "max-request-bytes" -> s.withMaxRequestBytes(integer(name, value, source));
            case "slots" -> s.withEngine(s.engine.withSlots(integer(name, value, source)));
            case "default-concurrency" ->
                s.withEngine(s.engine.withDefaultConcurrency(integer(name, value, source)));
            case "retry-backoff-ms" -> s.withEngine(withBackoff(s.engine, integer(name, value, source)));
            default ->
                throw new IllegalArgumentException(
                    source + ": unknown option '" + name
                        + "'; expected one of host, port, data, projects, max-request-bytes, slots, default-concurrency, retry-backoff-ms");
          };
    }
    return s;
  }

  private static EngineSettings withBackoff(EngineSettings engine, int millis) {
    Duration first = Duration.ofMillis(millis);
    Duration max = engine.maxRetryBackoff().compareTo(first) < 0 ? first : engine.maxRetryBackoff();
    return engine.withRetryBackoff(first, max);
  }

  private static int integer(String name, String value, String source) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": " + name + " = '" + value + "': expected a whole number");
    }
  }
}
