package io.drover.core.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Artifacts as files: {@code <root>/<runId>/<attempt>/logs.jsonl, trace.zip, video.webm,
 * screenshot.png}, directories 0700 and files 0600 ({@link PrivateFiles}).
 */
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
    PrivateFiles.createDirectories(dir);
    // Written aside and moved in: the logs of a stopped attempt are written twice (when it is
    // settled, and again with the lines its browser added while it was being stopped).
    Path partial = Files.createTempFile(dir, "logs", ".partial");
    try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
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
    moveIn(partial, dir.resolve(ArtifactKind.LOGS.fileName()));
  }

  @Override
  public void save(String runId, int attempt, ArtifactKind kind, Path file) throws IOException {
    Path dir = attemptDir(runId, attempt);
    PrivateFiles.createDirectories(dir);
    Path partial = dir.resolve(kind.fileName() + ".partial");
    Files.move(file, partial, StandardCopyOption.REPLACE_EXISTING);
    PrivateFiles.restrict(partial); // the browser made it with its own mode
    moveIn(partial, dir.resolve(kind.fileName()));
  }

  private static void moveIn(Path partial, Path target) throws IOException {
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public Optional<InputStream> open(String runId, int attempt, ArtifactKind kind)
      throws IOException {
    Path file = attemptDir(runId, attempt).resolve(kind.fileName());
    try {
      return Optional.of(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public int deleteOlderThan(Instant cutoff) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> runs = Files.list(root)) {
      for (Path run : runs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> attempts = Files.list(run)) {
          for (Path attempt : attempts.filter(Files::isDirectory).toList()) {
            if (lastWritten(attempt).isBefore(cutoff)) {
              deleteTree(attempt);
              deleted++;
            }
          }
        }
        deleteIfEmpty(run);
      }
    }
    return deleted;
  }

  private static Instant lastWritten(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(FileArtifactStore::modified)
          .max(Comparator.naturalOrder())
          .orElse(modified(dir));
    }
  }

  private static Instant modified(Path path) {
    try {
      FileTime time = Files.getLastModifiedTime(path);
      return time.toInstant();
    } catch (IOException e) {
      return Instant.MAX; // being replaced right now: the attempt is not old
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        return;
      }
    }
    Files.deleteIfExists(dir);
  }

  private Path attemptDir(String runId, int attempt) {
    if (!runId.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("run id '" + runId + "': expected [A-Za-z0-9_-]");
    }
    return root.resolve(runId).resolve(Integer.toString(attempt));
  }
}
