package io.drover.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover export JOBRUN > runs.jsonl}: a whole JobRun as JSON Lines, one line per Run. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a JobRun's Runs as JSON Lines (to stdout, or -o FILE).")
final class ExportCommand extends CliCommand {
  @Parameters(paramLabel = "JOBRUN", description = "the JobRun's id")
  String jobRunId;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "write here instead of stdout")
  Path output;

  @Override
  public Integer call() throws IOException {
    String path = projectPath() + "/job-runs/" + encode(jobRunId) + "/export";
    try (InputStream in = client().stream(path)) {
      if (output == null) {
        session.out().flush();
        in.transferTo(session.stdout());
        session.stdout().flush();
      } else {
        try (OutputStream out = Files.newOutputStream(output)) {
          long bytes = in.transferTo(out);
          session.err().println("wrote " + bytes + " bytes to " + output);
        }
      }
    }
    return 0;
  }
}
