package io.drover.core.store;

import java.util.Map;

/** Cheap aggregate reads for gauges, each one query whatever the number of Jobs. */
public interface StatsStore {

  /** PENDING Runs (queued, retrying or paused) per project; projects with none are absent. */
  Map<String, Long> pendingRunsByProject();
}
