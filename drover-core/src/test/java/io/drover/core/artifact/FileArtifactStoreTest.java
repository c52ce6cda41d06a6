package io.drover.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArtifactStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @TempDir Path root;
  @TempDir Path scratch;

  private FileArtifactStore store() {
    return new FileArtifactStore(root);
  }

  private Path scratchFile(String name, String content) throws IOException {
    return Files.writeString(scratch.resolve(name), content);
  }

  private static String read(Optional<InputStream> in) throws IOException {
    try (InputStream stream = in.orElseThrow()) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void artifactsAreReadableByTheirOwnerOnly() throws IOException {
    Path artifacts = root.resolve("artifacts");
    FileArtifactStore store = new FileArtifactStore(artifacts);
    Path trace = scratchFile("t.zip", "trace-bytes");
    Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-r--r--"));

    store.save("run-1", 1, ArtifactKind.TRACE, trace);
    store.writeLogs("run-1", 2, List.of(new LogLine(NOW, "info", "page", "hello")));

    for (Path dir : List.of(artifacts, artifacts.resolve("run-1"), artifacts.resolve("run-1/2"))) {
      assertThat(Files.getPosixFilePermissions(dir))
          .as(dir.toString())
          .isEqualTo(PrivateFiles.DIRECTORY);
    }
    for (Path file :
        List.of(artifacts.resolve("run-1/1/trace.zip"), artifacts.resolve("run-1/2/logs.jsonl"))) {
      assertThat(Files.getPosixFilePermissions(file))
          .as(file.toString())
          .isEqualTo(PrivateFiles.FILE);
    }
  }

  @Test
  void savedFilesAreMovedInAndOpenedByKind() throws IOException {
    FileArtifactStore store = store();
    Path trace = scratchFile("t.zip", "trace-bytes");

    store.save("run-1", 2, ArtifactKind.TRACE, trace);

    assertThat(trace).doesNotExist();
    assertThat(read(store.open("run-1", 2, ArtifactKind.TRACE))).isEqualTo("trace-bytes");
    assertThat(root.resolve("run-1/2/trace.zip")).exists();
    assertThat(store.open("run-1", 2, ArtifactKind.VIDEO)).isEmpty();
    assertThat(store.open("run-1", 1, ArtifactKind.TRACE)).isEmpty();
  }

  @Test
  void aSecondSaveReplacesTheFirst() throws IOException {
    FileArtifactStore store = store();
    store.save("r", 1, ArtifactKind.SCREENSHOT, scratchFile("a.png", "first"));

    store.save("r", 1, ArtifactKind.SCREENSHOT, scratchFile("b.png", "second"));

    assertThat(read(store.open("r", 1, ArtifactKind.SCREENSHOT))).isEqualTo("second");
  }

  @Test
  void logsAreRewrittenWholeAndLeaveNoPartialFile() throws IOException {
    FileArtifactStore store = store();
    LogLine first = new LogLine(NOW, "INFO", "api", "one");
    LogLine second = new LogLine(NOW, "ERROR", "console", "two");

    store.writeLogs("r", 1, List.of(first));
    store.writeLogs("r", 1, List.of(first, second));

    assertThat(read(store.openLogs("r", 1)).lines())
        .containsExactly(
            "{\"time\":\"2026-11-29T12:00:00Z\",\"level\":\"INFO\",\"source\":\"api\",\"message\":\"one\"}",
            "{\"time\":\"2026-11-29T12:00:00Z\",\"level\":\"ERROR\",\"source\":\"console\",\"message\":\"two\"}");
    try (Stream<Path> files = Files.list(root.resolve("r/1"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("logs.jsonl");
    }
  }

  @Test
  void retentionDeletesOnlyAttemptsLastWrittenBeforeTheCutoff() throws IOException {
    FileArtifactStore store = store();
    store.writeLogs("old", 1, List.of(new LogLine(NOW, "INFO", "api", "x")));
    store.save("old", 1, ArtifactKind.VIDEO, scratchFile("v.webm", "video"));
    store.writeLogs("mixed", 1, List.of(new LogLine(NOW, "INFO", "api", "x")));
    store.writeLogs("mixed", 2, List.of(new LogLine(NOW, "INFO", "api", "x")));
    age(root.resolve("old/1"), Duration.ofDays(40));
    age(root.resolve("mixed/1"), Duration.ofDays(31));
    age(root.resolve("mixed/2"), Duration.ofDays(29));
    ArtifactRetention retention = new ArtifactRetention(store, () -> NOW, Duration.ofDays(30));

    int deleted = retention.sweep();

    assertThat(deleted).isEqualTo(2);
    assertThat(root.resolve("old")).doesNotExist();
    assertThat(root.resolve("mixed/1")).doesNotExist();
    assertThat(store.openLogs("mixed", 2)).isPresent();
  }

  @Test
  void zeroRetentionKeepsEverything() throws IOException {
    FileArtifactStore store = store();
    store.writeLogs("r", 1, List.of(new LogLine(NOW, "INFO", "api", "x")));
    age(root.resolve("r/1"), Duration.ofDays(3650));

    assertThat(new ArtifactRetention(store, () -> NOW, Duration.ZERO).sweep()).isZero();
    assertThat(store.openLogs("r", 1)).isPresent();
  }

  private static void age(Path attemptDir, Duration age) throws IOException {
    FileTime time = FileTime.from(NOW.minus(age));
    try (Stream<Path> files = Files.list(attemptDir)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, time);
      }
    }
    Files.setLastModifiedTime(attemptDir, time);
  }
}
