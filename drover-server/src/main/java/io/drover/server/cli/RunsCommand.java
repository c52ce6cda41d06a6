package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover runs ...}: standalone Runs and any Run's attempts, logs and traces. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Start a standalone Run; show a Run, its logs and its trace.",
    subcommands = {
      RunsCommand.Start.class,
      RunsCommand.GetRun.class,
      RunsCommand.Logs.class,
      RunsCommand.Trace.class
    })
final class RunsCommand {

  static String shorten(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  static boolean ended(JsonNode run) {
    String status = run.get("status").asText();
    return !status.equals("PENDING") && !status.equals("RUNNING");
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a standalone Run of an API.")
  static final class Start extends CliCommand {
    @Parameters(paramLabel = "API", description = "the API's name")
    String api;

    @Option(
        names = "--params",
        paramLabel = "JSON",
        description = "its parameters, a JSON object (default {})")
    String params = "{}";

    @Option(names = "--max-attempts", paramLabel = "N", description = "tries (default 3)")
    Integer maximumAttempts;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "per attempt (default 600)")
    Integer requestTimeout;

    @Option(
        names = "--wait",
        description = "wait until it ends and print its result; exit 1 if it failed")
    boolean await;

    @Override
    public Integer call() throws InterruptedException {
      ObjectNode body = Session.JSON.createObjectNode();
      body.put("apiName", api);
      try {
        body.set("parameters", Session.JSON.readTree(params));
      } catch (IOException e) {
        throw new CliFailure("--params is not JSON: " + e.getMessage(), java.util.List.of(), 2);
      }
      if (maximumAttempts != null) {
        body.putObject("retry").put("maximumAttempts", maximumAttempts);
      }
      if (requestTimeout != null) {
        body.put("requestTimeout", requestTimeout);
      }
      JsonNode created =
          client()
              .expect(
                  client()
                      .call(
                          "POST",
                          projectPath() + "/runs",
                          body.toString().getBytes(StandardCharsets.UTF_8)),
                  201)
              .json();
      String runId = created.get("runId").asText();
      if (!await) {
        if (common.json) {
          printJson(created);
        } else {
          session.out().println("Run " + runId + " started");
        }
        return 0;
      }
      session.err().println("Run " + runId + " started, waiting for it to end");
      JsonNode run = client().get(projectPath() + "/runs/" + encode(runId));
      while (!ended(run)) {
        Thread.sleep(session.pollInterval().toMillis());
        run = client().get(projectPath() + "/runs/" + encode(runId));
      }
      if (common.json) {
        printJson(run);
      } else {
        session.out().println("Run " + runId + " " + run.get("status").asText());
        if (run.hasNonNull("error")) {
          session.out().println("error: " + run.get("error").asText());
        }
        if (run.hasNonNull("result")) {
          printJson(run.get("result"));
        }
      }
      return run.get("status").asText().equals("COMPLETED") ? 0 : 1;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Show a Run: status, result or error, attempts.")
  static final class GetRun extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the Run's id")
    String id;

    @Override
    public Integer call() {
      JsonNode run = client().get(projectPath() + "/runs/" + encode(id));
      if (common.json) {
        printJson(run);
        return 0;
      }
      session.out().println("run      " + id + " (" + run.get("apiName").asText() + ")");
      session.out().println("status   " + run.get("status").asText());
      session.out().println("params   " + run.get("parameters"));
      if (run.hasNonNull("error")) {
        session.out().println("error    " + run.get("error").asText());
      }
      if (run.hasNonNull("result")) {
        session.out().println("result   " + run.get("result"));
      }
      Table attempts = new Table("ATTEMPT", "STATUS", "STARTED", "MS", "ERROR");
      for (JsonNode attempt : run.path("attempts")) {
        attempts.row(
            attempt.get("number").asInt(),
            attempt.get("status").asText(),
            text(attempt.get("startedAt")),
            text(attempt.get("durationMs")),
            shorten(text(attempt.get("error"))));
      }
      attempts.print(session.out());
      return 0;
    }
  }

  /** The attempt asked for, or the Run's last one. */
  abstract static class AttemptCommand extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the Run's id")
    String id;

    @Option(names = "--attempt", paramLabel = "N", description = "the attempt (default: the last)")
    Integer attempt;

    String attemptPath(String artifact) {
      int number = attempt != null ? attempt : lastAttempt();
      return projectPath() + "/runs/" + encode(id) + "/attempts/" + number + "/" + artifact;
    }

    private int lastAttempt() {
      int count = client().get(projectPath() + "/runs/" + encode(id)).get("attemptCount").asInt();
      if (count == 0) {
        throw new CliFailure("run " + id + " has no attempt yet");
      }
      return count;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Print an attempt's log lines (--json: as JSON Lines).")
  static final class Logs extends AttemptCommand {
    @Override
    public Integer call() throws IOException {
      try (InputStream in = client().stream(attemptPath("logs"));
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (common.json) {
            session.out().println(line);
            continue;
          }
          JsonNode entry = Session.JSON.readTree(line);
          session
              .out()
              .println(
                  text(entry.get("time"))
                      + " "
                      + String.format("%-5s", text(entry.get("level")))
                      + " "
                      + String.format("%-7s", text(entry.get("source")))
                      + " "
                      + text(entry.get("message")));
        }
      }
      return 0;
    }
  }

  @Command(
      name = "trace",
      mixinStandardHelpOptions = true,
      description = "Save an attempt's Playwright trace (open it with npx playwright show-trace).")
  static final class Trace extends AttemptCommand {
    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "where to save it, e.g. trace.zip")
    Path output;

    @Override
    public Integer call() throws IOException {
      long bytes;
      try (InputStream in = client().stream(attemptPath("trace"));
          OutputStream out = Files.newOutputStream(output)) {
        bytes = in.transferTo(out);
      }
      session
          .out()
          .println("saved the trace of run " + id + " to " + output + " (" + bytes + " bytes)");
      return 0;
    }
  }
}
