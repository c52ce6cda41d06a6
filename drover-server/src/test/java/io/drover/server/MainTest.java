package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover server ...} as a real process: its exit code and what it prints. */
class MainTest {
  @TempDir Path dir;

  private record Exit(int code, String out, String err) {}

  private Exit drover(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.drover.server.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DROVER_"));
    builder.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("drover " + String.join(" ", args) + " did not exit");
    }
    return new Exit(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void serverHelpPrintsEverySettingAndExitsZero() throws Exception {
    Exit help = drover(Map.of(), "server", "--help");

    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).contains("usage: drover server");
    SettingsTable.ALL.forEach(s -> assertThat(help.out()).contains("--" + s.name()));
  }

  @Test
  void printConfigShowsWhereEachValueCameFrom() throws Exception {
    Files.writeString(dir.resolve("drover.toml"), "slots = 3\nport = 9000\n");

    Exit printed =
        drover(Map.of("DROVER_PORT", "9001"), "server", "--print-config", "--video", "false");

    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out())
        .containsPattern("slots = 3 +# drover.toml")
        .containsPattern("port = 9001 +# environment DROVER_PORT")
        .containsPattern("video = false +# command line --video")
        .containsPattern("host = \"127.0.0.1\" +# default");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void authNoneOnAnAddressOthersCanReachRefusesToStart() throws Exception {
    Exit refused =
        drover(
            Map.of(), "server", "--auth", "none", "--host", "0.0.0.0", "--port", "0", "--data",
            "d");

    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("auth = none is refused")
        .contains("0.0.0.0")
        .contains("127.0.0.1");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void anUnknownKeyInTheConfigFileStopsTheServerNamingIt() throws Exception {
    Files.writeString(dir.resolve("drover.toml"), "slotz = 3\n");

    Exit refused = drover(Map.of(), "server");

    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("unknown setting 'slotz'");
  }
}
