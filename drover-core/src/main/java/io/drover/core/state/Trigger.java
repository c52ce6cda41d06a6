package io.drover.core.state;

/** What created a JobRun. */
public enum Trigger {
  MANUAL,
  SCHEDULED
}
