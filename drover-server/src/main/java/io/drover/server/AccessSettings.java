package io.drover.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may reach the server and how it is watched. {@code keysRequired} false ({@code auth = none})
 * lets any request in, which only a server listening on loopback may do. {@code metricsPort}: also
 * serve {@code /metrics} without a key on this loopback port ({@link #NO_METRICS_PORT}: only on the
 * main port, with an admin key; 0: any free port).
 */
public record AccessSettings(boolean keysRequired, int metricsPort, List<String> allowedOrigins) {
  public static final int NO_METRICS_PORT = -1;
  private static final Pattern ORIGIN =
      Pattern.compile(
          "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

  public AccessSettings {
    if (metricsPort < NO_METRICS_PORT || metricsPort > 65_535) {
      throw new IllegalArgumentException(
          "metrics-port = " + metricsPort + ": expected off, 0 (any free port) or 1 to 65535");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      if (!isOrigin(origin)) {
        throw new IllegalArgumentException(
            "allowed-origins = '" + origin + "': " + ORIGIN_EXPECTED);
      }
    }
  }

  static final String ORIGIN_EXPECTED =
      "expected origins such as https://tools.example.com or http://localhost:3000 (scheme, host"
          + " and optional port; no path), comma-separated";

  static boolean isOrigin(String value) {
    return ORIGIN.matcher(value).matches();
  }

  public static AccessSettings defaults() {
    return new AccessSettings(true, NO_METRICS_PORT, List.of());
  }

  public AccessSettings withKeysRequired(boolean value) {
    return new AccessSettings(value, metricsPort, allowedOrigins);
  }

  public AccessSettings withMetricsPort(int value) {
    return new AccessSettings(keysRequired, value, allowedOrigins);
  }

  public AccessSettings withAllowedOrigins(List<String> value) {
    return new AccessSettings(keysRequired, metricsPort, value);
  }

  /** Refuses {@code auth = none} on an address other machines can reach. */
  void check(String host) {
    if (!keysRequired && !loopback(host)) {
      throw new IllegalArgumentException(
          "auth = none is refused: the server would listen on "
              + host
              + ", which other machines can reach, with no API key asked. Use auth = none only"
              + " with host 127.0.0.1 (or ::1, localhost), or remove it to require API keys");
    }
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
