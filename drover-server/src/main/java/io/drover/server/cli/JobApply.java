package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover jobs apply -f job.json}: saves the Job, creating it or replacing the one with its
 * id. An invalid document is reported with the path of each bad field, and nothing is saved.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Create or replace a Job from its JSON document.")
final class JobApply extends CliCommand {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "the Job document (JSON)")
  Path file;

  @Option(names = "--dry-run", description = "only validate it")
  boolean dryRun;

  @Override
  public Integer call() {
    byte[] document;
    try {
      document = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage());
    }
    String id = idOf(document);
    String jobs = projectPath() + "/jobs";
    Client.Answer answer = client().call("POST", jobs + (dryRun ? "?dryRun=true" : ""), document);
    boolean replaced = false;
    if (answer.status() == 409 && id != null) {
      answer = client().call("PUT", jobs + "/" + encode(id), document);
      replaced = true;
    }
    if (answer.status() != 200 && answer.status() != 201) {
      CliFailure error = Client.failure(null, answer);
      throw new CliFailure(
          file + " was not saved: " + error.getMessage(), error.details, error.exitCode);
    }
    JsonNode saved = answer.json();
    if (common.json) {
      printJson(saved);
    } else if (dryRun) {
      session
          .out()
          .println(
              "job "
                  + saved.get("id").asText()
                  + " is valid ("
                  + saved.get("payloadSize")
                  + " items)");
    } else {
      session
          .out()
          .println(
              "job "
                  + saved.get("id").asText()
                  + (replaced ? " replaced" : " created")
                  + " (version "
                  + saved.get("version")
                  + ", "
                  + saved.get("payloadSize")
                  + " payload items)");
    }
    return 0;
  }

  /** The document's id, to replace the Job when it exists; null if the file says none. */
  private static String idOf(byte[] document) {
    try {
      JsonNode id = Session.JSON.readTree(document).get("id");
      return id != null && id.isTextual() ? id.asText() : null;
    } catch (IOException e) {
      return null; // the server says what is wrong with it
    }
  }
}
