package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Runs the CLI's entry point in this JVM with captured output and a short poll interval. */
public final class CliRunner {
  private CliRunner() {}

  public record Result(int exitCode, String out, String err) {
    public JsonNode json() {
      try {
        return Session.JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  public static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            Map.copyOf(env),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Duration.ofMillis(50));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
