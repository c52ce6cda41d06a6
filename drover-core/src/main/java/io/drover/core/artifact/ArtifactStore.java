package io.drover.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Per-attempt files (logs now; traces, videos and screenshots later), kept outside the database. */
public interface ArtifactStore {

  void writeLogs(String runId, int attempt, List<LogLine> lines) throws IOException;

  /** The attempt's log lines as JSON Lines, or empty if it logged nothing. */
  Optional<InputStream> openLogs(String runId, int attempt) throws IOException;
}
