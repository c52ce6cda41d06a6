package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.PrivateFiles;
import io.drover.core.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh server's data directory holds secrets (issue 13, goal 8): it is 0700 and everything the
 * server writes in it (the database and its -wal and -shm, the secret key, the admin key) is 0600,
 * whatever the umask let other users read before.
 */
class DataDirModesTest {
  @TempDir Path parent;

  @Test
  void theDataDirectoryAndItsFilesAreTheOwnersOnly() throws IOException {
    Path dataDir = parent.resolve("deep/data");
    try (TestServer server = new TestServer(dataDir)) {
      server.createJob(Docs.job("a", Docs.config(1, 1, 60), List.of(Docs.echo("{}"))));
      server.awaitEnded(server.trigger("a"));

      Path db = dataDir.resolve(SqliteStore.FILE_NAME);
      assertThat(List.of(db, Path.of(db + "-wal"), Path.of(db + "-shm"))).allMatch(Files::exists);
      assertThat(dataDir.resolve("secret.key")).exists();
      assertThat(dataDir.resolve(ApiKeys.ADMIN_KEY_FILE)).exists();
      assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PrivateFiles.DIRECTORY);
      assertThat(Files.getPosixFilePermissions(dataDir.getParent()))
          .as("a parent the server created")
          .isEqualTo(PrivateFiles.DIRECTORY);
      try (Stream<Path> paths = Files.walk(dataDir)) {
        for (Path path : paths.toList()) {
          assertThat(Files.getPosixFilePermissions(path))
              .as(dataDir.relativize(path).toString())
              .isEqualTo(Files.isDirectory(path) ? PrivateFiles.DIRECTORY : PrivateFiles.FILE);
        }
      }
    }
  }
}
