package io.drover.core.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on a thread of its own, so that the writer's commits
 * only append to the WAL: left to SQLite, the commit that crosses 1,000 WAL pages copies them and
 * syncs both files before it returns, inside the write lock every claim and commit waits for. A
 * commit only marks the WAL dirty; {@value #DELAY_MILLIS} ms later (so that a busy writer is
 * checkpointed a few times a second, not once per commit) a PASSIVE checkpoint copies what no
 * reader still needs, without blocking the writer or readers. An idle store is never woken.
 */
final class Checkpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  static final long DELAY_MILLIS = 100;

  private final Connection connection;
  private final long delayMillis;
  private final Semaphore dirty = new Semaphore(0);
  private final AtomicBoolean marked = new AtomicBoolean();
  private final AtomicLong checkpoints = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /** {@code connection}: one of its own, not read-only, used by this class alone. */
  Checkpoints(Connection connection, long delayMillis) {
    this.connection = connection;
    this.delayMillis = delayMillis;
    this.thread = new Thread(this::loop, "drover-checkpoints");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Called after each write commit. */
  void committed() {
    if (marked.compareAndSet(false, true)) {
      dirty.release();
    }
  }

  /** Checkpoints run so far (for tests). */
  long count() {
    return checkpoints.get();
  }

  private void loop() {
    while (running) {
      try {
        dirty.acquire();
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        return; // closing: the last connection to close checkpoints the rest
      }
      marked.set(false); // a commit from here on marks it again
      checkpoint();
    }
  }

  private void checkpoint() {
    try (PreparedStatement statement =
            connection.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)");
        ResultSet row = statement.executeQuery()) {
      checkpoints.incrementAndGet();
      if (row.next() && row.getInt(1) != 0) {
        LOG.debug("WAL checkpoint was busy");
      }
    } catch (SQLException e) {
      // Not fatal: the writer's own automatic checkpoint still bounds the WAL.
      LOG.warn("WAL checkpoint failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing: nothing left to do with it
    }
  }
}
