package io.drover.examples.shop;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The shop's server-side sessions: a random id per login, valid for a fixed time to live. */
final class Sessions {
  private record Session(String user, long expiresAtNanos) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final long ttlNanos;
  // Monotonic, so a wall clock that jumps cannot revive or kill sessions.
  private final LongSupplier nanoTime;

  Sessions(Duration ttl, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  String create(String user) {
    String id = UUID.randomUUID().toString();
    sessions.put(id, new Session(user, nanoTime.getAsLong() + ttlNanos));
    return id;
  }

  /** The user of a session that exists and has not expired. */
  Optional<String> user(String id) {
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (expired(session)) {
      sessions.remove(id, session);
      return Optional.empty();
    }
    return Optional.of(session.user());
  }

  void remove(String id) {
    sessions.remove(id);
  }

  /** Ends every live session; returns how many there were. */
  int revokeAll() {
    int revoked = 0;
    for (Map.Entry<String, Session> entry : sessions.entrySet()) {
      if (sessions.remove(entry.getKey(), entry.getValue()) && !expired(entry.getValue())) {
        revoked++;
      }
    }
    return revoked;
  }

  Set<String> activeIds() {
    sessions.values().removeIf(this::expired);
    return Set.copyOf(sessions.keySet());
  }

  private boolean expired(Session session) {
    return nanoTime.getAsLong() - session.expiresAtNanos() >= 0;
  }
}
