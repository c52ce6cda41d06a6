package io.drover.server;

import io.drover.core.browser.BrowserSettings;
import io.drover.core.engine.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a server is configured. Read from, in increasing priority: defaults, a properties file
 * ({@code --config FILE}), environment variables ({@code DROVER_PORT}, ...), command-line flags
 * ({@code --port 8080}). {@code artifactRetention} zero keeps attempt artifacts forever.
 */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    Path projectsDir,
    long maxRequestBytes,
    EngineSettings engine,
    BrowserSettings browser,
    Duration artifactRetention) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  /** Users' Project jars; read at start-up if the directory exists. */
  public static final Path DEFAULT_PROJECTS_DIR = Path.of("projects");

  public static final long DEFAULT_MAX_REQUEST_BYTES = 256L * 1024 * 1024;
  public static final Duration DEFAULT_ARTIFACT_RETENTION = Duration.ofDays(30);
  static final List<String> OPTIONS =
      List.of(
          "host",
          "port",
          "data",
          "projects",
          "max-request-bytes",
          "slots",
          "default-concurrency",
          "retry-backoff-ms",
          "browser",
          "chromium",
          "video",
          "browser-recycle-after",
          "artifact-retention-days");

  public ServerSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port = " + port + ": expected 0 to 65535 (0: any free port)");
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException(
          "maxRequestBytes = " + maxRequestBytes + ": expected at least 1024");
    }
    if (artifactRetention.isNegative()) {
      throw new IllegalArgumentException(
          "artifactRetention = " + artifactRetention + ": expected zero (keep forever) or more");
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
        DEFAULT_ARTIFACT_RETENTION);
  }

  public ServerSettings withPort(int value) {
    return new ServerSettings(
        host, value, dataDir, projectsDir, maxRequestBytes, engine, browser, artifactRetention);
  }

  public ServerSettings withDataDir(Path value) {
    return new ServerSettings(
        host, port, value, projectsDir, maxRequestBytes, engine, browser, artifactRetention);
  }

  public ServerSettings withMaxRequestBytes(long value) {
    return new ServerSettings(
        host, port, dataDir, projectsDir, value, engine, browser, artifactRetention);
  }

  public ServerSettings withEngine(EngineSettings value) {
    return new ServerSettings(
        host, port, dataDir, projectsDir, maxRequestBytes, value, browser, artifactRetention);
  }

  public ServerSettings withBrowser(BrowserSettings value) {
    return new ServerSettings(
        host, port, dataDir, projectsDir, maxRequestBytes, engine, value, artifactRetention);
  }

  public ServerSettings withArtifactRetention(Duration value) {
    return new ServerSettings(
        host, port, dataDir, projectsDir, maxRequestBytes, engine, browser, value);
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
                new ServerSettings(
                    value,
                    s.port,
                    s.dataDir,
                    s.projectsDir,
                    s.maxRequestBytes,
                    s.engine,
                    s.browser,
                    s.artifactRetention);
            case "projects" ->
                new ServerSettings(
                    s.host,
                    s.port,
                    s.dataDir,
                    Path.of(value),
                    s.maxRequestBytes,
                    s.engine,
                    s.browser,
                    s.artifactRetention);
            case "port" -> s.withPort(integer(name, value, source));
            case "data" -> s.withDataDir(Path.of(value));
            case "max-request-bytes" -> s.withMaxRequestBytes(integer(name, value, source));
            case "slots" -> s.withEngine(s.engine.withSlots(integer(name, value, source)));
            case "default-concurrency" ->
                s.withEngine(s.engine.withDefaultConcurrency(integer(name, value, source)));
            case "retry-backoff-ms" ->
                s.withEngine(withBackoff(s.engine, integer(name, value, source)));
            case "browser" -> s.withBrowser(s.browser.withEnabled(bool(name, value, source)));
            case "chromium" -> s.withBrowser(s.browser.withChromium(Path.of(value)));
            case "video" -> s.withBrowser(s.browser.withVideo(bool(name, value, source)));
            case "browser-recycle-after" ->
                s.withBrowser(s.browser.withContextsPerBrowser(integer(name, value, source)));
            case "artifact-retention-days" ->
                s.withArtifactRetention(Duration.ofDays(integer(name, value, source)));
            default ->
                throw new IllegalArgumentException(
                    source
                        + ": unknown option '"
                        + name
                        + "'; expected one of "
                        + String.join(", ", OPTIONS));
          };
    }
    return s;
  }

  private static EngineSettings withBackoff(EngineSettings engine, int millis) {
    Duration first = Duration.ofMillis(millis);
    Duration max = engine.maxRetryBackoff().compareTo(first) < 0 ? first : engine.maxRetryBackoff();
    return engine.withRetryBackoff(first, max);
  }

  private static boolean bool(String name, String value, String source) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default ->
          throw new IllegalArgumentException(
              source + ": " + name + " = '" + value + "': expected true or false");
    };
  }

  private static int integer(String name, String value, String source) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source + ": " + name + " = '" + value + "': expected a whole number");
    }
  }
}
