package io.drover.server;

import io.drover.server.cli.Cli;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code drover server [options]} runs a server until stopped; {@code drover demo
 * [options]} runs one and shows a demo Job from trigger to the last result; every other command
 * ({@code drover jobs list}, ...) is the client of a running server ({@link Cli}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(usage());
      return;
    }
    if (!args[0].equals("server") && !args[0].equals("demo")) {
      System.exit(Cli.run(args, System.getenv(), System.out, System.err));
      return;
    }
    List<String> options = new ArrayList<>(List.of(args).subList(1, args.length));
    if (options.contains("--help") || options.contains("-h")) {
      System.out.println(serverUsage());
      return;
    }
    boolean printConfig = options.remove("--print-config");
    ServerConfig.Loaded loaded;
    try {
      loaded = ServerConfig.load(options, System.getenv(), Path.of(""));
      loaded.settings().access().check(loaded.settings().host());
    } catch (IllegalArgumentException e) {
      fail(System.err, e.getMessage());
      return;
    }
    if (printConfig) {
      System.out.println(ServerConfig.print(loaded, SettingsTable.ALL));
      return;
    }
    if (args[0].equals("server")) {
      runServer(loaded.settings());
    } else {
      Demo.run(loaded.settings());
    }
  }

  private static void fail(PrintStream err, String message) {
    err.println("drover: " + message);
    err.println("(drover server --help lists the settings)");
    System.exit(2);
  }

  private static void runServer(ServerSettings settings) throws InterruptedException {
    DroverServer server = DroverServer.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "drover-shutdown"));
    System.out.println(
        "Drover is running at "
            + server.baseUrl()
            + " (data in "
            + settings.database().describe(settings.dataDir())
            + ", node "
            + server.node().name()
            + ")");
    Thread.currentThread().join();
  }

  static String usage() {
    return """
        usage: drover server [options]    run a server (drover server --help lists the options)
               drover demo [options]      run a server and the demo Job through it
               drover COMMAND ...         talk to a running server: jobs, job-runs, runs,
                                          schedule, keys, export (drover COMMAND --help)""";
  }

  /** The server's options, from the settings table. */
  static String serverUsage() {
    StringBuilder text =
        new StringBuilder(
            """
            usage: drover server [--NAME VALUE]... [--config FILE] [--print-config]
                   drover demo   [--NAME VALUE]... [--config FILE]
            Each setting comes from, in increasing priority: its default, the file (--config FILE,
            $DROVER_CONFIG, or ./drover.toml: NAME = VALUE lines), the variable DROVER_NAME (upper
            case, '-' as '_'), the flag --NAME VALUE. --print-config prints the settings in effect.
            settings (default):
            """);
    for (Setting setting : SettingsTable.ALL) {
      text.append(
          String.format(
              "  --%-24s %s%n", setting.name(), setting.documentedDefault().replace("`", "")));
    }
    return text.toString().stripTrailing();
  }
}
