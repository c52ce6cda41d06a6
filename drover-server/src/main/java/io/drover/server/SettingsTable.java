package io.drover.server;

import static io.drover.server.Setting.bool;
import static io.drover.server.Setting.integer;

import io.drover.core.engine.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every server setting, one row each: its name, documented default, meaning, and how it reads and
 * sets {@link ServerSettings}. The file, the environment, the flags, {@code --print-config} and the
 * README's table all go by this list (a test checks the README against it).
 */
final class SettingsTable {
  static final List<Setting> ALL =
      List.of(
          Setting.of(
              "host",
              "127.0.0.1",
              "address to listen on; `0.0.0.0` for every interface (then `auth = none` is refused)",
              ServerSettings::host,
              ServerSettings::withHost),
          Setting.of(
              "port",
              "8080",
              "HTTP port (0: any free port)",
              ServerSettings::port,
              (s, v) -> s.withPort(integer(v))),
          Setting.of(
              "data",
              "`./data`",
              "data directory (SQLite database, attempt artifacts, `admin.key`)",
              s -> s.dataDir().toString(),
              (s, v) -> s.withDataDir(Path.of(v))),
          Setting.of(
              "projects",
              "`./projects`",
              "directory of users' Project jars, loaded at start-up when it exists",
              s -> s.projectsDir().toString(),
              (s, v) -> s.withProjectsDir(Path.of(v))),
          Setting.of(
              "slots",
              "2 per core, at most 16 and one per 512 MB of memory (4 on 2 cores)",
              "browser slots: attempts executing at once on this server, shared fairly by all"
                  + " JobRuns; each slot is a thread with its own Chromium (about 365 MB), launched"
                  + " when an attempt first asks for a page",
              s -> s.engine().slots(),
              (s, v) -> s.withEngine(s.engine().withSlots(integer(v)))),
          Setting.of(
              "default-concurrency",
              "4",
              "a Job's maximumConcurrentRequests when its document has none",
              s -> s.engine().defaultConcurrency(),
              (s, v) -> s.withEngine(s.engine().withDefaultConcurrency(integer(v)))),
          Setting.of(
              "max-request-bytes",
              "268435456",
              "largest request body accepted (413 above)",
              ServerSettings::maxRequestBytes,
              (s, v) -> s.withMaxRequestBytes(integer(v))),
          Setting.of(
              "retry-backoff-ms",
              "1000",
              "wait before the first retry; doubles per retry, capped at 30 s",
              s -> s.engine().retryBackoff().toMillis(),
              (s, v) -> s.withEngine(withBackoff(s.engine(), integer(v)))),
          Setting.of(
              "browser",
              "true",
              "false: run APIs without a browser (their `page()` fails)",
              s -> s.browser().enabled(),
              (s, v) -> s.withBrowser(s.browser().withEnabled(bool(v)))),
          Setting.of(
              "chromium",
              "`/usr/bin/chromium`",
              "the Chromium (or Chrome) executable",
              s -> s.browser().chromium().toString(),
              (s, v) -> s.withBrowser(s.browser().withChromium(Path.of(v)))),
          Setting.of(
              "video",
              "true",
              "record a video of each attempt's page (needs ffmpeg; off with one warning without"
                  + " it)",
              s -> s.browser().video(),
              (s, v) -> s.withBrowser(s.browser().withVideo(bool(v)))),
          Setting.of(
              "browser-recycle-after",
              "200",
              "a slot's Chromium is replaced after this many attempts used it",
              s -> s.browser().contextsPerBrowser(),
              (s, v) -> s.withBrowser(s.browser().withContextsPerBrowser(integer(v)))),
          Setting.of(
              "artifact-retention-days",
              "30",
              "attempt logs, traces, videos and screenshots older than this are deleted (hourly);"
                  + " 0 keeps them",
              s -> s.artifactRetention().toDays(),
              (s, v) -> s.withArtifactRetention(Duration.ofDays(integer(v)))),
          Setting.of(
              "auth",
              "keys",
              "`keys`: every endpoint but `/api/v1/health` needs an API key; `none`: no key is"
                  + " asked (refused unless `host` is loopback)",
              s -> s.access().keysRequired() ? "keys" : "none",
              (s, v) -> s.withAccess(s.access().withKeysRequired(auth(v)))),
          Setting.of(
              "metrics-port",
              "off",
              "also serve `/metrics` without a key on this port of 127.0.0.1 (0: any free port);"
                  + " `off`: only on the main port, with an admin key",
              s -> metricsPort(s.access().metricsPort()),
              (s, v) -> s.withAccess(s.access().withMetricsPort(metricsPort(v)))),
          Setting.of(
              "allowed-origins",
              "none",
              "comma-separated web origins (e.g. `https://tools.example.com`) whose pages may call"
                  + " the API from a browser; requests with any other `Origin` than the server's"
                  + " own are refused (403)",
              s ->
                  s.access().allowedOrigins().isEmpty()
                      ? "none"
                      : String.join(",", s.access().allowedOrigins()),
              (s, v) -> s.withAccess(s.access().withAllowedOrigins(origins(v)))),
          Setting.of(
              "database",
              "none (SQLite in `data`)",
              "`jdbc:postgresql://host[:port]/db`: keep everything in that PostgreSQL database,"
                  + " which several nodes may share",
              s -> s.database().url() == null ? "" : s.database().url(),
              (s, v) -> s.withDatabase(s.database().withUrl(unset(v)))),
          Setting.of(
              "database-url",
              "none",
              "the same as `database` (so that `DROVER_DATABASE_URL` works)",
              s -> s.database().url() == null ? "" : s.database().url(),
              (s, v) -> s.withDatabase(s.database().withUrl(unset(v)))),
          Setting.of(
              "database-user",
              "none",
              "the PostgreSQL user",
              s -> s.database().user() == null ? "" : s.database().user(),
              (s, v) -> s.withDatabase(s.database().withUser(unset(v)))),
          Setting.secret(
              "database-password",
              "none",
              "the PostgreSQL user's password (never printed or logged)",
              s -> s.database().password() == null ? "" : s.database().password(),
              (s, v) -> s.withDatabase(s.database().withPassword(unset(v)))),
          Setting.of(
              "node-name",
              "`<hostname>:<port>`",
              "this node's name among the nodes of one database; kept across restarts, so a"
                  + " restarted node takes back its own attempts at once",
              s -> s.node().name() == null ? "" : s.node().name(),
              (s, v) -> s.withNode(s.node().withName(unset(v)))),
          Setting.of(
              "node-url",
              "`http://<host>:<port>`",
              "where the other nodes send clients for this node's attempt artifacts",
              s -> s.node().url() == null ? "" : s.node().url(),
              (s, v) -> s.withNode(s.node().withUrl(unset(v)))),
          Setting.of(
              "node-heartbeat",
              "5",
              "seconds between this node's heartbeats",
              s -> s.node().heartbeat().toSeconds(),
              (s, v) -> s.withNode(s.node().withHeartbeat(seconds(v)))),
          Setting.of(
              "node-lease",
              "30",
              "seconds after its last heartbeat when a node's attempts are taken back by the"
                  + " others (at least twice `node-heartbeat`)",
              s -> s.node().lease().toSeconds(),
              (s, v) -> s.withNode(s.node().withLease(seconds(v)))));

  private SettingsTable() {}

  /** An empty value (as --print-config writes an unset setting) leaves the setting unset. */
  private static String unset(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static Setting named(String name, String source) {
    for (Setting setting : ALL) {
      if (setting.name().equals(name)) {
        return setting;
      }
    }
    throw new IllegalArgumentException(
        source + ": unknown setting '" + name + "'; expected one of " + names());
  }

  static String names() {
    return ALL.stream().map(Setting::name).collect(Collectors.joining(", "));
  }

  private static EngineSettings withBackoff(EngineSettings engine, int millis) {
    Duration first = Duration.ofMillis(millis);
    Duration max = engine.maxRetryBackoff().compareTo(first) < 0 ? first : engine.maxRetryBackoff();
    return engine.withRetryBackoff(first, max);
  }

  private static Duration seconds(String value) {
    int seconds = integer(value);
    if (seconds < 1) {
      throw new Setting.Expected("expected a number of seconds, at least 1");
    }
    return Duration.ofSeconds(seconds);
  }

  private static boolean auth(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "keys" -> true;
      case "none" -> false;
      default -> throw new Setting.Expected("expected keys or none");
    };
  }

  private static List<String> origins(String value) {
    return java.util.Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(origin -> !origin.isEmpty() && !origin.equals("none"))
        .peek(
            origin -> {
              if (!AccessSettings.isOrigin(origin)) {
                throw new Setting.Expected(AccessSettings.ORIGIN_EXPECTED);
              }
            })
        .toList();
  }

  private static int metricsPort(String value) {
    if (value.trim().equalsIgnoreCase("off")) {
      return AccessSettings.NO_METRICS_PORT;
    }
    try {
      return integer(value);
    } catch (Setting.Expected e) {
      throw new Setting.Expected("expected off, 0 (any free port) or a port number");
    }
  }

  private static Object metricsPort(int port) {
    return port == AccessSettings.NO_METRICS_PORT ? "off" : port;
  }
}
