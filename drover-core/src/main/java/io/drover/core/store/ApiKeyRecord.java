package io.drover.core.store;

import java.time.Instant;

/**
 * An API key as stored: never the key itself, only its SHA-256 ({@code keyHash}, lower-case hex).
 * {@code project} is the one Project the key may act on, or {@code null} for an admin key (the
 * whole server, key management included). {@code name} is a label for people, or {@code null}.
 */
public record ApiKeyRecord(
    String id, String keyHash, String project, String name, Instant createdAt) {

  public boolean admin() {
    return project == null;
  }
}
