package io.drover.core.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  private static final int PAGE = 4096;

  @TempDir Path dir;
  private SqliteTransactions transactions;

  @AfterEach
  void close() {
    if (transactions != null) {
      transactions.close();
    }
  }

  @Test
  void theWritersCommitsOnlyAppendToTheWalPastSqlitesOwnThousandPages() throws Exception {
    open(3_600_000); // the checkpoint thread waits an hour: only the writer could copy pages
    int pages = 3_000;
    assertThat(pages).isBetween(1_000, SqliteTransactions.WRITER_CHECKPOINT_PAGES / 2);

    for (int i = 0; i < pages / 30; i++) {
      insert(30);
    }

    // A checkpoint is what writes pages into the database file; SQLite's default made the
    // commit that crossed 1,000 WAL pages copy them all.
    assertThat(size(database())).isLessThan(100L * PAGE);
    assertThat(transactions.checkpoints()).isZero();
  }

  @Test
  void theCheckpointThreadCopiesTheWalAfterACommitAndNotWhileTheStoreIsIdle() throws Exception {
    open(Checkpoints.DELAY_MILLIS);
    insert(1_500);
    Await.until(
        () -> transactions.checkpoints() > 0 && size(database()) >= 1_500L * PAGE,
        "a checkpoint copying the 1,500 pages");
    // A commit that landed while the first checkpoint started is copied by a second one.
    Thread.sleep(10 * Checkpoints.DELAY_MILLIS);
    long settled = transactions.checkpoints();

    Thread.sleep(3 * Checkpoints.DELAY_MILLIS);
    assertThat(transactions.checkpoints()).isEqualTo(settled);

    long before = size(database());
    insert(500);
    Await.until(
        () -> transactions.checkpoints() > settled && size(database()) >= before + 500L * PAGE,
        "another checkpoint copying the next 500 pages");
  }

  @Test
  void aWalWrittenWithoutPauseStaysBoundedByTheWritersBackstop() throws Exception {
    open(Checkpoints.DELAY_MILLIS);
    int backstop = SqliteTransactions.WRITER_CHECKPOINT_PAGES;
    long written = 0;
    long largestWal = 0;
    // Four times the backstop in commits of 64 pages, back to back: the checkpoint thread copies
    // behind the writer, which never finds the WAL all copied; the backstop checkpoint does, and
    // the next write starts the WAL from its beginning again.
    while (written < 4L * backstop) {
      insert(64);
      written += 64;
      largestWal = Math.max(largestWal, size(dir.resolve("test.db-wal")));
    }

    assertThat(largestWal).isLessThan(2L * backstop * (PAGE + 24));
    long pages = written;
    Await.until(() -> size(database()) >= pages * PAGE, "every page copied into the file");
  }

  private void open(long checkpointDelayMillis) throws SQLException {
    transactions = new SqliteTransactions("jdbc:sqlite:" + database(), checkpointDelayMillis);
    transactions.write(
        c -> {
          try (PreparedStatement create =
              c.prepareStatement("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB)")) {
            create.execute();
          }
          return null;
        });
  }

  private Path database() {
    return dir.resolve("test.db");
  }

  /** Inserts {@code pages} rows of about a page each, in one write transaction. */
  private void insert(int pages) {
    transactions.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement("INSERT INTO blobs (body) VALUES (?)")) {
            for (int i = 0; i < pages; i++) {
              insert.setBytes(1, new byte[PAGE - 200]);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
