package io.drover.server.cli;

import java.io.PrintStream;
import java.util.Map;

public final class Cli {
  private Cli() {}

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    err.println("drover: unknown command '" + args[0] + "'");
    return 2;
  }
}
