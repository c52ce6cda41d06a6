package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover job-runs ...}: the JobRuns of a Job and their Runs. */
@Command(
    name = "job-runs",
    mixinStandardHelpOptions = true,
    description = "List, show, follow and terminate JobRuns.",
    subcommands = {
      JobRunsCommand.ListJobRuns.class,
      JobRunsCommand.GetJobRun.class,
      JobRunsCommand.Runs.class,
      JobRunsCommand.Terminate.class
    })
final class JobRunsCommand {

  static String counts(JsonNode jobRun) {
    JsonNode c = jobRun.get("counts");
    return c.get("completed").asLong()
        + " completed, "
        + c.get("failed").asLong()
        + " failed, "
        + c.get("canceled").asLong()
        + " canceled, "
        + c.get("running").asLong()
        + " running, "
        + c.get("pending").asLong()
        + " pending of "
        + c.get("total").asLong();
  }

  static Table table() {
    return new Table("ID", "STATUS", "TRIGGER", "STARTED", "ENDED", "DONE", "FAILED");
  }

  static void row(Table table, JsonNode jr) {
    JsonNode c = jr.get("counts");
    long done = c.get("completed").asLong() + c.get("failed").asLong() + c.get("canceled").asLong();
    table.row(
        jr.get("id").asText(),
        jr.get("status").asText(),
        jr.get("trigger").asText(),
        CliCommand.text(jr.get("startedAt")),
        CliCommand.text(jr.get("endedAt")),
        done + "/" + c.get("total").asLong(),
        c.get("failed").asLong());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a Job's JobRuns, newest first.")
  static final class ListJobRuns extends CliCommand {
    @Parameters(paramLabel = "JOB", description = "the Job's id")
    String job;

    @Override
    public Integer call() {
      var all = new Pages(client(), projectPath() + "/jobs/" + encode(job) + "/job-runs").all();
      if (common.json) {
        printJson(all);
        return 0;
      }
      Table table = table();
      all.forEach(jr -> row(table, jr));
      table.print(session.out());
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a JobRun.")
  static final class GetJobRun extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the JobRun's id")
    String id;

    @Option(names = "--follow", description = "follow it until it ends; exit 1 if a Run failed")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
      if (follow) {
        return new Follow(this, id).untilEnded();
      }
      JsonNode jobRun = client().get(projectPath() + "/job-runs/" + encode(id));
      if (common.json) {
        printJson(jobRun);
        return 0;
      }
      Table table = table();
      row(table, jobRun);
      table.print(session.out());
      if (jobRun.hasNonNull("reason")) {
        session.out().println("reason: " + jobRun.get("reason").asText());
      }
      return 0;
    }
  }

  @Command(
      name = "runs",
      mixinStandardHelpOptions = true,
      description = "List a JobRun's Runs, in payload order.")
  static final class Runs extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the JobRun's id")
    String id;

    @Option(names = "--status", paramLabel = "S", description = "only Runs in this status")
    String status;

    @Option(names = "--api", paramLabel = "NAME", description = "only Runs of this API")
    String api;

    @Override
    public Integer call() {
      String query =
          (status == null ? "" : "status=" + encode(status) + "&")
              + (api == null ? "" : "apiName=" + encode(api) + "&");
      String path = projectPath() + "/job-runs/" + encode(id) + "/runs";
      var all =
          new Pages(
                  client(),
                  query.isEmpty() ? path : path + "?" + query.substring(0, query.length() - 1))
              .all();
      if (common.json) {
        printJson(all);
        return 0;
      }
      Table table = new Table("ID", "API", "STATUS", "ATTEMPTS", "ERROR");
      for (JsonNode run : all) {
        table.row(
            run.get("id").asText(),
            run.get("apiName").asText(),
            run.get("status").asText(),
            run.get("attemptCount").asInt(),
            RunsCommand.shorten(text(run.get("error"))));
      }
      table.print(session.out());
      return 0;
    }
  }

  @Command(
      name = "terminate",
      mixinStandardHelpOptions = true,
      description = "Terminate a JobRun: its running Runs are canceled, nothing more starts.")
  static final class Terminate extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the JobRun's id")
    String id;

    @Override
    public Integer call() {
      JsonNode jobRun =
          client()
              .expect(
                  client()
                      .call("POST", projectPath() + "/job-runs/" + encode(id) + "/terminate", null),
                  200)
              .json();
      if (common.json) {
        printJson(jobRun);
      } else {
        session
            .out()
            .println("JobRun " + id + " " + jobRun.get("status").asText() + ": " + counts(jobRun));
      }
      return 0;
    }
  }
}
