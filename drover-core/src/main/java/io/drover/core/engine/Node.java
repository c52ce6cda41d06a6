package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.Ids;
import io.drover.core.store.NewNode;
import java.time.Duration;
import java.util.Objects;

/**
 * Who an engine is among the engines sharing one database, and its lease. {@code id} is new for
 * every start; {@code name} stays the same across restarts, so a restarted node takes back its
 * previous incarnation's attempts at once instead of waiting for their lease. The node heart-beats
 * every {@code heartbeat}; when its last heartbeat is older than {@code lease}, any node takes its
 * attempts back. {@code url} is where other nodes send clients for this node's artifacts (may be
 * null).
 */
public record Node(
    String id,
    String name,
    String host,
    String url,
    String version,
    Duration heartbeat,
    Duration lease) {

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** The name of the node an engine is when it is given none: the only one on its database. */
  public static final String LOCAL = "local";

  public Node {
    Objects.requireNonNull(id, "node id");
    require(name != null && !name.isBlank(), "name", name, "a non-blank name");
    Objects.requireNonNull(host, "node host");
    Objects.requireNonNull(version, "node version");
    require(
        !heartbeat.isNegative() && !heartbeat.isZero(), "heartbeat", heartbeat, "more than zero");
    require(
        lease.compareTo(heartbeat.multipliedBy(2)) >= 0,
        "lease",
        lease,
        "at least twice the heartbeat (" + heartbeat + "), so one late heartbeat loses nothing");
  }

  /** A node named {@code name} with a fresh id and the default heartbeat and lease. */
  public static Node named(String name, String host, String url) {
    return new Node(
        new Ids(Clock.system()).next(),
        name,
        host,
        url,
        droverVersion(),
        DEFAULT_HEARTBEAT,
        DEFAULT_LEASE);
  }

  /** The default of an engine that is given no node. */
  public static Node local() {
    return named(LOCAL, "localhost", null);
  }

  public Node withLease(Duration heartbeatEvery, Duration leaseFor) {
    return new Node(id, name, host, url, version, heartbeatEvery, leaseFor);
  }

  /** What the store records when this node joins. */
  NewNode joining(int slots) {
    return new NewNode(id, name, host, url, version, slots);
  }

  /** Drover's version as the jar says it, or "dev" when run from classes. */
  public static String droverVersion() {
    String version = Node.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }

  private static void require(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "node " + field + " = " + value + ": expected " + expected);
    }
  }
}
