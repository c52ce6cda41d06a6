package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  private Path file(String toml) throws IOException {
    Path file = dir.resolve("drover.toml");
    Files.writeString(file, toml);
    return file;
  }

  @Test
  void theFileIsOverriddenByVariablesWhichAreOverriddenByFlags() throws IOException {
    file("port = 9000\nslots = 3\nvideo = false\nhost = \"0.0.0.0\"\nmetrics-port = 9100\n");

    ServerConfig.Loaded loaded =
        ServerConfig.load(
            List.of("--port", "9002"),
            Map.of("DROVER_PORT", "9001", "DROVER_SLOTS", "5", "DROVER_SECRET_KEY", "ignored"),
            dir);

    ServerSettings s = loaded.settings();
    assertThat(s.port()).isEqualTo(9002);
    assertThat(s.engine().slots()).isEqualTo(5);
    assertThat(s.browser().video()).isFalse();
    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.access().metricsPort()).isEqualTo(9100);
    assertThat(loaded.sources())
        .containsEntry("port", "command line --port")
        .containsEntry("slots", "environment DROVER_SLOTS")
        .containsEntry("video", dir.resolve("drover.toml").toString())
        .containsEntry("chromium", "default");
  }

  @Test
  void anUnknownKeyInTheFileIsAnErrorNamingIt() throws IOException {
    Path file = file("port = 9000\nprot = 9001\n");

    assertThatThrownBy(() -> ServerConfig.load(List.of("--config", file.toString()), Map.of(), dir))
        .hasMessageContaining("unknown setting 'prot'")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("port");
  }

  @Test
  void aTableInTheFileIsAnErrorNamingItsKey() throws IOException {
    file("[browser]\nchromium = \"/opt/chrome\"\n");

    assertThatThrownBy(() -> ServerConfig.load(List.of(), Map.of(), dir))
        .hasMessageContaining("unknown key 'browser.chromium'");
  }

  @Test
  void aBadValueNamesItsSourceTheSettingAndWhatWasExpected() throws IOException {
    file("slots = \"many\"\n");

    assertThatThrownBy(() -> ServerConfig.load(List.of(), Map.of(), dir))
        .hasMessageContaining("drover.toml: slots = 'many': expected a whole number");
    Files.delete(dir.resolve("drover.toml"));
    assertThatThrownBy(() -> ServerConfig.load(List.of("--auth", "maybe"), Map.of(), dir))
        .hasMessageContaining("command line --auth: auth = 'maybe': expected keys or none");
    assertThatThrownBy(() -> ServerConfig.load(List.of(), Map.of("DROVER_PORT", "70000"), dir))
        .hasMessageContaining("environment DROVER_PORT: port = 70000: expected 0 to 65535");
  }

  @Test
  void printConfigIsATomlFileOfEverySettingWithSecretsRedacted() throws IOException {
    ServerConfig.Loaded loaded = ServerConfig.load(List.of("--port", "9002"), Map.of(), dir);
    ServerConfig.Loaded withPassword =
        ServerConfig.load(
            List.of("--port", "9002"), Map.of("DROVER_DATABASE_PASSWORD", "hunter2"), dir);

    String printed = ServerConfig.print(withPassword, SettingsTable.ALL);

    assertThat(printed).doesNotContain("hunter2").contains("database-password = \"(redacted)\"");
    Path saved = dir.resolve("printed.toml");
    Files.writeString(saved, printed.replaceAll("(?m)^database-password.*$", ""));
    Map<String, String> reread = ServerConfig.readFile(saved);
    assertThat(reread.keySet())
        .containsExactlyElementsOf(
            SettingsTable.ALL.stream()
                .map(Setting::name)
                .filter(name -> !name.equals("database-password"))
                .toList());
    assertThat(reread).containsEntry("port", "9002").containsEntry("auth", "keys");
    assertThat(ServerConfig.load(List.of("--config", saved.toString()), Map.of(), dir).settings())
        .isEqualTo(loaded.settings());
  }

  @Test
  void theReadmeTableListsEverySettingWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| ([^|]+) \\|").matcher(readme);
    Map<String, String> documented = new LinkedHashMap<>();
    while (row.find()) {
      documented.put(row.group(1), row.group(2).trim());
    }
    Map<String, String> table = new LinkedHashMap<>();
    SettingsTable.ALL.forEach(s -> table.put(s.name(), s.documentedDefault()));

    assertThat(documented).containsExactlyEntriesOf(table);
  }

  @Test
  void theDocumentedDefaultsAreTheDefaults() throws IOException {
    ServerSettings defaults = ServerConfig.load(List.of(), Map.of(), dir).settings();
    for (Setting setting : SettingsTable.ALL) {
      if (setting.name().equals("slots")) {
        continue; // depends on the machine
      }
      String shown = String.valueOf(setting.read().apply(defaults));
      if (shown.isEmpty()) {
        // unset: "none", or a value made at start-up from others, such as `<hostname>:<port>`
        assertThat(setting.documentedDefault())
            .as(setting.name())
            .containsPattern("^none|<[a-z]+>");
        continue;
      }
      assertThat(setting.documentedDefault().replace("`", "").replace("./", ""))
          .as(setting.name())
          .isEqualTo(shown);
    }
  }
}
