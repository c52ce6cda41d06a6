package io.drover.core.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Artifacts as files: {@code <root>/<runId>/<attempt>/logs.jsonl}. */
public final class FileArtifactStore implements ArtifactStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  public FileArtifactStore(Path root) {
    this.root = root;
  }

  @Override
  public void writeLogs(String runId, int attempt, List<LogLine> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    Path dir = attemptDir(runId, attempt);
    Files.createDirectories(dir);
    try (Writer out = Files.newBufferedWriter(dir.resolve("logs.jsonl"), StandardCharsets.UTF_8)) {
      for (LogLine line : lines) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", line.time().toString());
        node.put("level", line.level());
        node.put("source", line.source());
        node.put("message", line.message());
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
      }
    }
  }

  @Override
  public Optional<InputStream> openLogs(String runId, int attempt) throws IOException {
    Path file = attemptDir(runId, attempt).resolve("logs.jsonl");
    return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
  }

  private Path attemptDir(String runId, int attempt) {
    if (!runId.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("run id '" + runId + "': expected [A-Za-z0-9_-]");
    }
    return root.resolve(runId).resolve(Integer.toString(attempt));
  }
}
