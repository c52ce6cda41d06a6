package io.drover.core.engine;

import io.drover.core.job.AuthSessionRef;

/**
 * An attempt's AuthSession: which one, how many checks and creates it may try, and whether a failed
 * check may re-create it (an attempt's may; a validation's only reports what it found).
 */
public record SessionUse(
    SessionLeases sessions, String project, AuthSessionRef ref, boolean mayRecreate) {

  public String id() {
    return ref.id();
  }
}
