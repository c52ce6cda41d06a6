package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command takes: which server, which key, which Project, which output. */
final class Common {
  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  static final String ADMIN_KEY_FILE = "admin.key";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "the server (default: $DROVER_URL, else " + DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "an API key (default: $DROVER_KEY, else the admin key in DATA/admin.key)")
  String key;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "the server's data directory, for its admin.key (default: $DROVER_DATA or ./data)")
  Path data;

  @Option(
      names = "--project",
      paramLabel = "P",
      description =
          "the Project (default: $DROVER_PROJECT, else the server's only Project, else demo)")
  String project;

  @Option(names = "--json", description = "print the server's JSON instead of a table")
  boolean json;

  private Client client;
  private String resolvedProject;

  Client client(Session session) {
    if (client == null) {
      client = new Client(url(session), key(session));
    }
    return client;
  }

  private String url(Session session) {
    if (url != null) {
      return url;
    }
    return session.env().getOrDefault("DROVER_URL", DEFAULT_URL);
  }

  private String key(Session session) {
    if (key != null) {
      return key;
    }
    String fromEnv = session.env().get("DROVER_KEY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    Path dir = data != null ? data : Path.of(session.env().getOrDefault("DROVER_DATA", "data"));
    Path file = dir.resolve(ADMIN_KEY_FILE);
    try {
      return Files.isReadable(file) ? Files.readString(file).trim() : null;
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The Project given, or the only one the server has, or demo. */
  String project(Session session) {
    if (resolvedProject == null) {
      resolvedProject =
          project != null ? project : session.env().getOrDefault("DROVER_PROJECT", null);
    }
    if (resolvedProject == null) {
      List<String> names = new ArrayList<>();
      for (JsonNode p : client(session).get("/api/v1/projects").path("items")) {
        names.add(p.path("name").asText());
      }
      if (names.size() == 1) {
        resolvedProject = names.get(0);
      } else if (names.contains("demo")) {
        resolvedProject = "demo";
      } else {
        throw new CliFailure(
            "the server has the Projects " + names + ": choose one with --project", List.of(), 2);
      }
    }
    return resolvedProject;
  }

  /** {@code /api/v1/projects/{project}} of the Project in use. */
  String projectPath(Session session) {
    return "/api/v1/projects/" + Client.encode(project(session));
  }
}
