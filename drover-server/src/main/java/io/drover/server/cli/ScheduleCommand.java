package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover schedule preview -f schedule.json}: when a schedule would fire. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Check a schedule before relying on it.",
    subcommands = ScheduleCommand.Preview.class)
final class ScheduleCommand {

  @Command(
      name = "preview",
      mixinStandardHelpOptions = true,
      description =
          "Print a schedule's next fire times. The file holds a schedule, or a Job document (its"
              + " schedule is used).")
  static final class Preview extends CliCommand {
    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "a schedule or a Job document (JSON)")
    Path file;

    @Option(names = "--count", paramLabel = "N", description = "how many (default 10)")
    Integer count;

    @Option(names = "--from", paramLabel = "INSTANT", description = "after this time (default now)")
    String from;

    @Override
    public Integer call() {
      JsonNode document;
      try {
        document = Session.JSON.readTree(file.toFile());
      } catch (IOException e) {
        throw new CliFailure(file + " is not JSON: " + e.getMessage());
      }
      ObjectNode request = Session.JSON.createObjectNode();
      request.set("schedule", document.has("schedule") ? document.get("schedule") : document);
      if (count != null) {
        request.put("count", count);
      }
      if (from != null) {
        request.put("from", from);
      }
      Client.Answer answer =
          client()
              .call(
                  "POST",
                  "/api/v1/schedules/preview",
                  request.toString().getBytes(StandardCharsets.UTF_8));
      if (answer.status() != 200) {
        CliFailure error = Client.failure(null, answer);
        throw new CliFailure(
            file + " is not a valid schedule: " + error.getMessage(), error.details, 1);
      }
      if (common.json) {
        printJson(answer.json());
      } else {
        answer.json().get("fireTimes").forEach(t -> session.out().println(t.asText()));
      }
      return 0;
    }
  }
}
