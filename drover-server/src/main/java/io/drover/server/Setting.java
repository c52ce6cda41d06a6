package io.drover.server;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One server setting, known by one name everywhere: the key in {@code drover.toml}, the flag {@code
 * --name} and the variable {@code DROVER_NAME} (upper case, '-' as '_'). {@code documentedDefault}
 * is what the README's table says; {@code read} gives the value a settings object has, {@code
 * apply} sets it from text (a {@link IllegalArgumentException} says what was expected). A {@code
 * secret} value is never printed.
 */
record Setting(
    String name,
    String documentedDefault,
    String meaning,
    boolean secret,
    Function<ServerSettings, Object> read,
    BiFunction<ServerSettings, String, ServerSettings> apply) {

  static Setting of(
      String name,
      String documentedDefault,
      String meaning,
      Function<ServerSettings, Object> read,
      BiFunction<ServerSettings, String, ServerSettings> apply) {
    return new Setting(name, documentedDefault, meaning, false, read, apply);
  }

  /** The same, for a value that must not be printed (a password, a key). */
  static Setting secret(
      String name,
      String documentedDefault,
      String meaning,
      Function<ServerSettings, Object> read,
      BiFunction<ServerSettings, String, ServerSettings> apply) {
    return new Setting(name, documentedDefault, meaning, true, read, apply);
  }

  String variable() {
    return "DROVER_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  String flag() {
    return "--" + name;
  }

  /** Applies {@code value}; a bad one is an error naming the source, the setting and the value. */
  ServerSettings applyFrom(ServerSettings settings, String value, String source) {
    try {
      return apply.apply(settings, value);
    } catch (Expected e) {
      String shown = secret ? "(secret)" : "'" + value + "'";
      throw new IllegalArgumentException(
          source + ": " + name + " = " + shown + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // a settings record's own check, which names the field and value already
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** What a value should have been; {@link #applyFrom} adds the setting and the value. */
  static final class Expected extends IllegalArgumentException {
    Expected(String expected) {
      super(expected);
    }
  }

  static int integer(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new Expected("expected a whole number");
    }
  }

  static boolean bool(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new Expected("expected true or false");
    };
  }
}
