package io.drover.core.job;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: the short form ({@code "30s"}, {@code "1h30m"}, {@code "2w"}) or
 * ISO-8601 ({@code "PT30M"}, {@code "P1D"}, {@code "P2W"}), in whole seconds.
 */
public final class DurationText {
  static final Duration MAX = Duration.ofDays(3650);
  static final String EXPECTED =
      "a duration such as \"30s\", \"5m\", \"1h30m\", \"2d\", \"1w\" or ISO-8601 \"PT30M\"";

  private static final Pattern SHORT =
      Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
  private static final Pattern ISO =
      Pattern.compile("P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
  private static final long[] UNIT_SECONDS = {7 * 86_400, 86_400, 3_600, 60, 1};
  private static final String[] UNIT_NAMES = {"w", "d", "h", "m", "s"};

  private DurationText() {}

  /** The duration, or null when the text is not one (or is longer than {@link #MAX}). */
  static Duration parse(String text) {
    Matcher matcher = SHORT.matcher(text);
    if (!matcher.matches()) {
      matcher = ISO.matcher(text);
      if (!matcher.matches()) {
        return null;
      }
    }
    long seconds = 0;
    boolean anyNumber = false;
    for (int group = 1; group <= UNIT_SECONDS.length; group++) {
      String number = matcher.group(group);
      if (number == null) {
        continue;
      }
      anyNumber = true;
      if (number.length() > 12) {
        return null;
      }
      seconds += Long.parseLong(number) * UNIT_SECONDS[group - 1];
    }
    if (!anyNumber || seconds > MAX.getSeconds()) {
      return null;
    }
    return Duration.ofSeconds(seconds);
  }

  /** The short form, largest units first: 5400 seconds is {@code "1h30m"}, zero is {@code "0s"}. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    for (int unit = 0; unit < UNIT_SECONDS.length; unit++) {
      long count = seconds / UNIT_SECONDS[unit];
      if (count > 0) {
        text.append(count).append(UNIT_NAMES[unit]);
        seconds -= count * UNIT_SECONDS[unit];
      }
    }
    return text.toString();
  }
}
