package io.drover.core.state;

/**
 * An AuthSession is PENDING while its login runs, READY when its last check passed, EXPIRED when a
 * check failed (a recorder-based one stays so until replaced), FAILED when its login did not
 * succeed; see {@link Transitions}.
 */
public enum AuthSessionStatus {
  PENDING,
  READY,
  EXPIRED,
  FAILED;

  public boolean canBecome(AuthSessionStatus next) {
    return Transitions.allowed(this, next);
  }
}
