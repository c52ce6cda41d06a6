package io.drover.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * What every command of one CLI invocation shares: the environment it reads ({@code DROVER_URL},
 * {@code DROVER_KEY}, ...), where it writes, and how often it polls a server while following.
 */
record Session(
    Map<String, String> env,
    OutputStream stdout,
    PrintWriter out,
    PrintWriter err,
    Duration pollInterval) {
  static final ObjectMapper JSON = new ObjectMapper();
}
