package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Watches a JobRun until it ends, drawing a progress bar on stderr (stdout keeps only the result,
 * for scripts). Exit code 0 if it COMPLETED with no failed Run, else 1.
 */
final class Follow {
  private static final int WIDTH = 30;

  private final CliCommand command;
  private final String jobRunId;

  Follow(CliCommand command, String jobRunId) {
    this.command = command;
    this.jobRunId = jobRunId;
  }

  int untilEnded() throws InterruptedException {
    String path = command.projectPath() + "/job-runs/" + CliCommand.encode(jobRunId);
    PrintWriter err = command.session.err();
    String shown = null;
    JsonNode jobRun;
    while (true) {
      jobRun = command.client().get(path);
      String line = bar(jobRun);
      if (!line.equals(shown)) {
        err.print("\r" + line);
        err.flush();
        shown = line;
      }
      String status = jobRun.get("status").asText();
      if (!status.equals("RUNNING") && !status.equals("PAUSED")) {
        break;
      }
      Thread.sleep(command.session.pollInterval().toMillis());
    }
    err.println();
    JsonNode counts = jobRun.get("counts");
    boolean ok =
        jobRun.get("status").asText().equals("COMPLETED") && counts.get("failed").asLong() == 0;
    if (command.common.json) {
      command.printJson(jobRun);
    } else {
      command
          .session
          .out()
          .println(
              "JobRun "
                  + jobRunId
                  + " "
                  + jobRun.get("status").asText()
                  + ": "
                  + JobRunsCommand.counts(jobRun)
                  + (jobRun.hasNonNull("reason")
                      ? " (" + jobRun.get("reason").asText() + ")"
                      : ""));
    }
    return ok ? 0 : 1;
  }

  static String bar(JsonNode jobRun) {
    JsonNode c = jobRun.get("counts");
    long total = c.get("total").asLong();
    long done = c.get("completed").asLong() + c.get("failed").asLong() + c.get("canceled").asLong();
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    return "["
        + "#".repeat(filled)
        + " ".repeat(WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + "  running "
        + c.get("running").asLong()
        + "  failed "
        + c.get("failed").asLong()
        + "  "
        + jobRun.get("status").asText()
        + "   "; // covers what a longer line before left
  }
}
