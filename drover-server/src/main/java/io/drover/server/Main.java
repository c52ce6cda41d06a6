package io.drover.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command line: {@code drover server [options]} runs a server until stopped; {@code drover demo
 * [options]} runs one and shows a demo Job from trigger to the last result.
 */
public final class Main {
  static final String USAGE =
      """
      usage: drover server [--port N] [--data DIR] [--projects DIR] [--host H] [--slots N] [--config FILE]
                           [--browser true|false] [--chromium PATH] [--video true|false]
                           [--browser-recycle-after N] [--artifact-retention-days N]
             drover demo   [--port N] [--data DIR]
      options may also come from a properties file (--config) and environment variables
      DROVER_PORT, DROVER_DATA, DROVER_PROJECTS, DROVER_HOST, DROVER_SLOTS, DROVER_DEFAULT_CONCURRENCY,
      DROVER_MAX_REQUEST_BYTES, DROVER_RETRY_BACKOFF_MS, DROVER_BROWSER, DROVER_CHROMIUM, DROVER_VIDEO,
      DROVER_BROWSER_RECYCLE_AFTER, DROVER_ARTIFACT_RETENTION_DAYS
      (flags win over variables, variables over the file)""";

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      return;
    }
    ServerSettings settings;
    try {
      settings = settings(List.of(args).subList(1, args.length), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("drover: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    switch (args[0]) {
      case "server" -> runServer(settings);
      case "demo" -> Demo.run(settings);
      default -> {
        System.err.println("drover: unknown command '" + args[0] + "'; expected server or demo");
        System.err.println(USAGE);
        System.exit(2);
      }
    }
  }

  private static void runServer(ServerSettings settings) throws InterruptedException {
    DroverServer server = DroverServer.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "drover-shutdown"));
    System.out.println(
        "Drover is running at "
            + server.baseUrl()
            + " (data in "
            + settings.dataDir().toAbsolutePath()
            + ")");
    Thread.currentThread().join();
  }

  static ServerSettings settings(List<String> flags, Map<String, String> env) throws IOException {
    Map<String, String> fromFlags = new LinkedHashMap<>();
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      if (!flag.startsWith("--") || i + 1 >= flags.size()) {
        throw new IllegalArgumentException("option '" + flag + "': expected --name value");
      }
      fromFlags.put(flag.substring(2), flags.get(++i));
    }
    ServerSettings settings = ServerSettings.defaults();
    String configFile = fromFlags.remove("config");
    if (configFile != null) {
      Properties file = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(configFile))) {
        file.load(in);
      }
      Map<String, String> fromFile = new LinkedHashMap<>();
      file.stringPropertyNames().forEach(name -> fromFile.put(name, file.getProperty(name)));
      settings = settings.with(fromFile, configFile);
    }
    Map<String, String> fromEnv = new LinkedHashMap<>();
    for (String name : new ArrayList<>(env.keySet())) {
      if (name.startsWith("DROVER_")) {
        fromEnv.put(name.substring(7).toLowerCase().replace('_', '-'), env.get(name));
      }
    }
    return settings.with(fromEnv, "environment").with(fromFlags, "command line");
  }
}
