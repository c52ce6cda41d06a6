package io.drover.core.engine;

/** What created a JobRun. */
public enum Trigger {
  MANUAL,
  SCHEDULED
}
