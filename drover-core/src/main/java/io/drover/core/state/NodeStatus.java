package io.drover.core.state;

/**
 * Node states. A node is UP while it heart-beats; LOST when its lease lapsed (another node, or its
 * own next incarnation, took its attempts back), after which it may rejoin; STOPPED when it shut
 * down cleanly. The allowed changes are in {@link Transitions}.
 */
public enum NodeStatus {
  UP,
  LOST,
  STOPPED;

  public boolean canBecome(NodeStatus next) {
    return Transitions.allowed(this, next);
  }
}
