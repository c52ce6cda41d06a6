package io.drover.server;

import io.drover.core.engine.Node;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Who this server is among the nodes sharing one database. {@code name} stays the same across
 * restarts (default {@code <hostname>:<port>}), so a restarted node takes back its previous
 * incarnation's attempts at once; {@code url} is where the other nodes send clients for this node's
 * attempt artifacts (default {@code http://<host>:<port>}; null with port 0). It heart-beats every
 * {@code heartbeat} and its attempts are taken back by the others once its last heartbeat is older
 * than {@code lease}.
 */
public record NodeSettings(String name, String url, Duration heartbeat, Duration lease) {

  public static final NodeSettings DEFAULTS =
      new NodeSettings(null, null, Node.DEFAULT_HEARTBEAT, Node.DEFAULT_LEASE);

  public NodeSettings {
    if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "node-lease = "
              + lease.toSeconds()
              + ": expected at least twice node-heartbeat ("
              + heartbeat.toSeconds()
              + " s), so one late heartbeat loses nothing");
    }
  }

  public NodeSettings withName(String value) {
    return new NodeSettings(value, url, heartbeat, lease);
  }

  public NodeSettings withUrl(String value) {
    return new NodeSettings(name, value, heartbeat, lease);
  }

  public NodeSettings withHeartbeat(Duration value) {
    return new NodeSettings(name, url, value, lease);
  }

  public NodeSettings withLease(Duration value) {
    return new NodeSettings(name, url, heartbeat, value);
  }

  /** The engine's node for a server listening on {@code host}:{@code port}, with a fresh id. */
  Node node(String host, int port) {
    String hostname = hostname();
    String nodeName = name != null ? name : hostname + ":" + port;
    String nodeUrl = url != null ? url : port == 0 ? null : "http://" + host + ":" + port;
    return Node.named(nodeName, hostname, nodeUrl).withLease(heartbeat, lease);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
