package io.drover.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-attempt files (logs, Playwright trace, video, screenshot), kept outside the database. Behind
 * an interface so object storage can take the place of the local disk.
 */
public interface ArtifactStore {

  /** Writes (or replaces) the attempt's log lines. */
  void writeLogs(String runId, int attempt, List<LogLine> lines) throws IOException;

  /** The attempt's log lines as JSON Lines, or empty if it logged nothing. */
  default Optional<InputStream> openLogs(String runId, int attempt) throws IOException {
    return open(runId, attempt, ArtifactKind.LOGS);
  }

  /** Takes {@code file} (moved, not copied) as the attempt's artifact of that kind. */
  void save(String runId, int attempt, ArtifactKind kind, Path file) throws IOException;

  /** The attempt's artifact of that kind, or empty when it has none. */
  Optional<InputStream> open(String runId, int attempt, ArtifactKind kind) throws IOException;

  /**
   * Deletes every artifact of the attempts last written before {@code cutoff}; returns how many
   * attempts.
   */
  int deleteOlderThan(Instant cutoff) throws IOException;
}
