package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code drover jobs ...}: the Jobs of a Project. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "Save, list, trigger, pause, resume and delete Jobs.",
    subcommands = {
      JobApply.class,
      JobsCommand.ListJobs.class,
      JobsCommand.GetJob.class,
      JobTrigger.class,
      JobsCommand.Pause.class,
      JobsCommand.Resume.class,
      JobsCommand.Delete.class
    })
final class JobsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the Jobs.")
  static final class ListJobs extends CliCommand {
    @Override
    public Integer call() {
      Pages pages = new Pages(client(), projectPath() + "/jobs");
      if (common.json) {
        printJson(pages.all());
        return 0;
      }
      Table table = new Table("ID", "STATUS", "VERSION", "ITEMS", "NEXT FIRE", "LAST JOBRUN");
      for (JsonNode job : pages.all()) {
        JsonNode last = job.get("lastJobRun");
        table.row(
            job.get("id").asText(),
            job.get("status").asText(),
            job.get("version").asLong(),
            job.get("payloadSize").asLong(),
            text(job.get("nextFireAt")),
            last == null || last.isNull()
                ? "-"
                : last.get("id").asText() + " " + last.get("status").asText());
      }
      table.print(session.out());
      return 0;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Show a Job: its state and document.")
  static final class GetJob extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the Job's id")
    String id;

    @Override
    public Integer call() {
      JsonNode job = client().get(projectPath() + "/jobs/" + encode(id));
      if (common.json) {
        printJson(job);
        return 0;
      }
      describe(session.out(), job);
      session.out().println("document:");
      printJson(job.get("document"));
      return 0;
    }
  }

  static void describe(java.io.PrintWriter out, JsonNode job) {
    out.println(
        "job        " + job.get("id").asText() + " (project " + job.get("project").asText() + ")");
    out.println("status     " + job.get("status").asText() + ", version " + job.get("version"));
    out.println("items      " + job.get("payloadSize"));
    out.println("next fire  " + CliCommand.text(job.get("nextFireAt")));
    JsonNode last = job.get("lastJobRun");
    if (last != null && !last.isNull()) {
      out.println(
          "last run   "
              + last.get("id").asText()
              + " "
              + last.get("status").asText()
              + " "
              + JobRunsCommand.counts(last));
    }
  }

  /** pause, resume and delete: one POST or DELETE on the Job. */
  abstract static class JobAction extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the Job's id")
    String id;

    abstract String method();

    abstract String suffix();

    abstract String done();

    @Override
    public Integer call() {
      Client.Answer answer =
          client()
              .expect(
                  client().call(method(), projectPath() + "/jobs/" + encode(id) + suffix(), null),
                  200,
                  204);
      if (common.json && answer.json() != null) {
        printJson(answer.json());
      } else {
        session.out().println("job " + id + " " + done());
      }
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause a Job: no new JobRuns, its running JobRun waits.")
  static final class Pause extends JobAction {
    String method() {
      return "POST";
    }

    String suffix() {
      return "/pause";
    }

    String done() {
      return "paused";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused Job and its JobRun.")
  static final class Resume extends JobAction {
    String method() {
      return "POST";
    }

    String suffix() {
      return "/resume";
    }

    String done() {
      return "resumed";
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a Job (its active JobRun is terminated first).")
  static final class Delete extends JobAction {
    String method() {
      return "DELETE";
    }

    String suffix() {
      return "";
    }

    String done() {
      return "deleted";
    }
  }
}
