package io.drover.server.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drover COMMAND ...}: a client of a running server over its REST API. URL and key from
 * {@code --url}/{@code --key}, {@code DROVER_URL}/{@code DROVER_KEY}, or the admin key a local
 * server wrote to {@code ./data/admin.key}. Tables for people, {@code --json} for scripts. Exit
 * codes: 0 done, 1 failed (an error answer, a failed Run), 2 bad usage.
 */
@Command(
    name = "drover",
    mixinStandardHelpOptions = true,
    version = "drover 0.1.0",
    description = "Talk to a Drover server (drover server runs one).",
    subcommands = {
      JobsCommand.class,
      JobRunsCommand.class,
      RunsCommand.class,
      ScheduleCommand.class,
      KeysCommand.class,
      ExportCommand.class
    })
public final class Cli implements Runnable {
  static final Duration POLL = Duration.ofMillis(500);

  private Cli() {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a command: jobs, job-runs, runs, schedule, keys, export");
  }

  /** Runs one command line and returns its exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, POLL);
  }

  static int run(
      String[] args, Map<String, String> env, OutputStream stdout, PrintStream err, Duration poll) {
    PrintWriter outWriter = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    Session session = new Session(env, stdout, outWriter, errWriter, poll);
    CommandLine cli = new CommandLine(new Cli(), new Factory(session));
    cli.setOut(outWriter).setErr(errWriter);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof CliFailure failure) {
            errWriter.println("drover: " + failure.getMessage());
            failure.details.forEach(d -> errWriter.println("  " + d));
            errWriter.flush();
            return failure.exitCode;
          }
          throw e;
        });
    try {
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** Makes the commands, each with the session. */
  private record Factory(Session session) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == Cli.class) {
        return type.cast(new Cli());
      }
      if (!CliCommand.class.isAssignableFrom(type)) {
        return CommandLine.defaultFactory().create(type);
      }
      Constructor<K> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      K command = constructor.newInstance();
      ((CliCommand) command).session = session;
      return command;
    }
  }
}
