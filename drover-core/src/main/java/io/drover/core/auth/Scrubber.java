package io.drover.core.auth;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Blanks secret values (credentials, cookie values) in text Drover keeps, such as the log lines of
 * a login. Longer values go first, so a secret that contains another is blanked whole.
 */
public final class Scrubber {
  public static final String BLANK = "********";

  /** Shorter values would blank ordinary words; a credential that short is not kept apart. */
  static final int MIN_LENGTH = 3;

  private final List<String> secrets;

  public Scrubber(Collection<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(Objects::nonNull)
            .filter(s -> s.length() >= MIN_LENGTH)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public static final Scrubber NONE = new Scrubber(List.of());

  public List<String> secrets() {
    return secrets;
  }

  public String scrub(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, BLANK);
    }
    return result;
  }

  /** {@code bytes} with each secret's UTF-8 bytes overwritten by as many '*' (lengths kept). */
  public byte[] scrub(byte[] bytes) {
    byte[] result = bytes;
    for (String secret : secrets) {
      byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int at = indexOf(result, needle, 0); at >= 0; at = indexOf(result, needle, at + 1)) {
        if (result == bytes) {
          result = bytes.clone();
        }
        java.util.Arrays.fill(result, at, at + needle.length, (byte) '*');
      }
    }
    return result;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
