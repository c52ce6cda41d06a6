package io.drover.core;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Time-ordered, 26-character ids (ULID layout: 48 bits of milliseconds, 80 random bits, Crockford
 * base32). Ids made by one generator are strictly increasing, so ordering by id is ordering by
 * creation, which keeps cursor paging simple.
 */
public final class Ids {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private long randomHigh; // 16 bits
  private long randomLow; // 64 bits

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public synchronized String next() {
    long millis = Math.max(clock.now().toEpochMilli(), lastMillis);
    if (millis == lastMillis) {
      randomLow++;
      if (randomLow == 0) {
        randomHigh = (randomHigh + 1) & 0xFFFF;
      }
    } else {
      lastMillis = millis;
      randomHigh = random.nextInt(1 << 16);
      randomLow = random.nextLong() >>> 1; // leaves room to increment within one millisecond
    }
    return encode(millis, randomHigh, randomLow);
  }

  /** The instant an id was made at. */
  public static Instant instantOf(String id) {
    long millis = 0;
    for (int i = 0; i < 10; i++) {
      millis = (millis << 5) | indexOf(id.charAt(i));
    }
    return Instant.ofEpochMilli(millis);
  }

  private static int indexOf(char c) {
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == Character.toUpperCase(c)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not an id character: " + c);
  }

  private static String encode(long millis, long high, long low) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 random bits = high(16) + low(64), written as 16 base32 characters.
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(out);
  }
}
