package io.drover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.impl.driver.Driver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chromium that several Playwright drivers use at once, each through {@code
 * chromium().connect(endpoint())} from its own thread: Playwright's Node runs a small server
 * (browser-server.js) that launched the browser and serves it on a loopback port under a random
 * path. Each driver's contexts are its own and are closed when it disconnects. The server exits
 * when its standard input ends, so it never outlives the JVM that started it, and takes its browser
 * with it. The browser carries {@code marker} in its environment (see {@link BrowserProcesses});
 * the server process is known by {@link #process()}.
 */
final class SharedChromium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedChromium.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private static final Map<String, String> DRIVER_ENVIRONMENT =
      Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

  private final Process server;
  private final String endpoint;

  private SharedChromium(Process server, String endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Launches the browser; {@code environment} is its whole environment. Blocks until it serves, and
   * fails with what the server said if it could not launch.
   */
  static SharedChromium launch(
      Path chromium, List<String> arguments, Map<String, String> environment, Path workDir) {
    Driver driver = Driver.ensureDriverInstalled(DRIVER_ENVIRONMENT, false);
    Path script = script(workDir);
    List<String> command = new ArrayList<>();
    command.add(driver.createProcessBuilder().command().get(0)); // Playwright's Node
    command.add(script.toString());
    command.add(driver.driverDir().resolve("package").toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(DRIVER_ENVIRONMENT);
    Process server;
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Playwright's Node for a shared Chromium", e);
    }
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    List<String> said = new ArrayList<>();
    Thread reader =
        new Thread(() -> read(server.getInputStream(), endpoint, said), "drover-browser-server");
    reader.setDaemon(true);
    reader.start();
    try {
      OutputStream input = server.getOutputStream();
      input.write(JSON.writeValueAsBytes(options(chromium, arguments, environment)));
      input.write('\n');
      input.flush();
      return new SharedChromium(
          server, endpoint.get(LAUNCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
      kill(server);
      String output;
      synchronized (said) {
        output = String.join(" | ", said);
      }
      throw new IllegalStateException(
          "could not launch a shared Chromium at " + chromium + ": " + output, e);
    } catch (InterruptedException e) {
      kill(server);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a shared Chromium was launched", e);
    }
  }

  private static ObjectNode options(
      Path chromium, List<String> arguments, Map<String, String> environment) {
    ObjectNode options = JSON.createObjectNode();
    options.put("executablePath", chromium.toString());
    arguments.forEach(options.putArray("args")::add);
    ObjectNode env = options.putObject("env");
    environment.forEach(env::put);
    options.put("headless", true);
    options.put("host", "127.0.0.1"); // never beyond this machine
    options.put("port", 0);
    options.put("handleSIGINT", false); // the JVM decides when it ends, through standard input
    options.put("handleSIGTERM", false);
    options.put("handleSIGHUP", false);
    return options;
  }

  private static void read(
      InputStream output, CompletableFuture<String> endpoint, List<String> said) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!endpoint.isDone() && line.startsWith("ws://")) {
          endpoint.complete(line.trim());
        } else if (!endpoint.isDone()) {
          synchronized (said) {
            said.add(line);
          }
        } else {
          LOG.debug("shared Chromium server: {}", line);
        }
      }
    } catch (IOException e) {
      LOG.debug("shared Chromium server output ended", e);
    }
    endpoint.completeExceptionally(new IOException("the server ended without an endpoint"));
  }

  private static synchronized Path script(Path workDir) {
    Path script = workDir.resolve("browser-server.js");
    if (!Files.exists(script)) {
      try (InputStream source = SharedChromium.class.getResourceAsStream("browser-server.js")) {
        Files.createDirectories(workDir);
        Files.write(script, source.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + script, e);
      }
    }
    return script;
  }

  /** Where drivers connect: {@code ws://127.0.0.1:PORT/RANDOM}. */
  String endpoint() {
    return endpoint;
  }

  /**
   * Closes the browser: ends the server's input and waits for it to close the browser and exit,
   * killing it and its browser if it has not within {@link #CLOSE_WAIT}.
   */
  @Override
  public void close() {
    try {
      server.getOutputStream().close();
    } catch (IOException e) {
      LOG.debug("closing the input of the shared Chromium server failed", e);
    }
    try {
      if (!server.waitFor(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(server);
      }
    } catch (InterruptedException e) {
      kill(server);
      Thread.currentThread().interrupt();
    }
  }

  /** The browser's processes first: killed, the server could no longer take them with it. */
  private static void kill(Process server) {
    server.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly();
  }
}
