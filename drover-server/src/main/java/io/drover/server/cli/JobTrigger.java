package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover jobs trigger ID [--follow]}: starts a JobRun; with {@code --follow} shows its
 * progress until it ends and exits 0 only if it completed with no failed Run.
 */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = "Start a JobRun of a Job now.")
final class JobTrigger extends CliCommand {
  @Parameters(paramLabel = "ID", description = "the Job's id")
  String id;

  @Option(
      names = "--follow",
      description = "show a progress bar until the JobRun ends; exit 1 if a Run failed")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    JsonNode started =
        client()
            .expect(
                client().call("POST", projectPath() + "/jobs/" + encode(id) + "/trigger", null),
                201)
            .json();
    String jobRunId = started.get("jobRunId").asText();
    if (!follow) {
      if (common.json) {
        printJson(started);
      } else {
        session.out().println("JobRun " + jobRunId + " started");
      }
      return 0;
    }
    session.err().println("JobRun " + jobRunId + " started");
    return new Follow(this, jobRunId).untilEnded();
  }
}
