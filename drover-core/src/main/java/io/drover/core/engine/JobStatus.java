package io.drover.core.engine;

public enum JobStatus {
  ACTIVE,
  PAUSED
}
