package io.drover.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a server's settings: defaults, then the configuration file, then {@code DROVER_*}
 * variables, then flags, each overriding the one before, and remembers where each value came from
 * (for {@code --print-config}).
 *
 * <p>The file is TOML ({@code drover.toml}), not YAML: every value has one spelling with its type
 * plain to see ({@code video = false}, {@code host = "0.0.0.0"}) where YAML reads {@code no} as
 * false and {@code 0755} as a number, indentation carries no meaning, and Jackson's TOML module
 * needs nothing beyond Jackson, which the server already uses. Keys are the settings' names, at the
 * top level: {@code port = 8080}. An unknown key is an error naming it.
 */
final class ServerConfig {
  static final String FILE_NAME = "drover.toml";
  static final String FILE_VARIABLE = "DROVER_CONFIG";

  /** The settings and, per setting name, where its value came from. */
  record Loaded(ServerSettings settings, Map<String, String> sources) {}

  private ServerConfig() {}

  /**
   * {@code flags} are {@code --name value} pairs ({@code --config FILE} among them). The file is
   * {@code --config}, else {@code $DROVER_CONFIG}, else {@code drover.toml} in {@code workingDir}
   * if there is one.
   */
  static Loaded load(List<String> flags, Map<String, String> env, Path workingDir)
      throws IOException {
    Map<String, String> fromFlags = pairs(flags);
    String configFlag = fromFlags.remove("config");
    Path file = null;
    if (configFlag != null) {
      file = Path.of(configFlag);
    } else if (env.containsKey(FILE_VARIABLE)) {
      file = Path.of(env.get(FILE_VARIABLE));
    } else if (Files.isRegularFile(workingDir.resolve(FILE_NAME))) {
      file = workingDir.resolve(FILE_NAME);
    }
    ServerSettings settings = ServerSettings.defaults();
    Map<String, String> sources = new LinkedHashMap<>();
    SettingsTable.ALL.forEach(s -> sources.put(s.name(), "default"));
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("configuration file " + file + " does not exist");
      }
      for (Map.Entry<String, String> entry : readFile(file).entrySet()) {
        settings =
            SettingsTable.named(entry.getKey(), file.toString())
                .applyFrom(settings, entry.getValue(), file.toString());
        sources.put(entry.getKey(), file.toString());
      }
    }
    for (Setting setting : SettingsTable.ALL) {
      String value = env.get(setting.variable());
      if (value != null) {
        settings = setting.applyFrom(settings, value, "environment " + setting.variable());
        sources.put(setting.name(), "environment " + setting.variable());
      }
    }
    for (Map.Entry<String, String> flag : fromFlags.entrySet()) {
      Setting setting = SettingsTable.named(flag.getKey(), "command line");
      settings = setting.applyFrom(settings, flag.getValue(), "command line " + setting.flag());
      sources.put(setting.name(), "command line " + setting.flag());
    }
    return new Loaded(settings, sources);
  }

  private static Map<String, String> pairs(List<String> flags) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      if (!flag.startsWith("--") || i + 1 >= flags.size()) {
        throw new IllegalArgumentException("option '" + flag + "': expected --name value");
      }
      pairs.put(flag.substring(2), flags.get(++i));
    }
    return pairs;
  }

  /** The file's keys and values as text; nested tables and arrays are errors naming the key. */
  static Map<String, String> readFile(Path file) throws IOException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(file.toFile());
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + ": not valid TOML: " + e.getOriginalMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null) {
      return values;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        String nested = value.fieldNames().hasNext() ? key + "." + value.fieldNames().next() : key;
        throw new IllegalArgumentException(
            file
                + ": unknown key '"
                + nested
                + "'; settings are top-level keys, one of "
                + SettingsTable.names());
      }
      SettingsTable.named(key, file.toString()); // unknown keys fail before any value is read
      if (!value.isValueNode()) {
        throw new IllegalArgumentException(
            file + ": " + key + " = " + value + ": expected a single value, not a list");
      }
      values.put(key, value.asText());
    }
    return values;
  }

  /**
   * The settings in effect as a {@code drover.toml} (so it can be saved as one), each with where
   * its value came from; secrets are shown as {@code "(redacted)"}.
   */
  static String print(Loaded loaded, List<Setting> table) {
    List<String> lines = new ArrayList<>();
    lines.add("# Drover server settings in effect (defaults < file < DROVER_* variables < flags)");
    int width = 0;
    List<String[]> rows = new ArrayList<>();
    for (Setting setting : table) {
      Object value = setting.read().apply(loaded.settings());
      String text = setting.secret() && value != null ? "\"(redacted)\"" : toml(value);
      String line = setting.name() + " = " + text;
      width = Math.max(width, line.length());
      rows.add(new String[] {line, loaded.sources().getOrDefault(setting.name(), "default")});
    }
    for (String[] row : rows) {
      lines.add(String.format("%-" + width + "s  # %s", row[0], row[1]));
    }
    return String.join(System.lineSeparator(), lines);
  }

  private static String toml(Object value) {
    if (value == null) {
      return "\"\"";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
