package io.drover.core.store.sqlite;

import io.drover.core.store.StoreException;
import io.drover.core.store.sql.StatementCache;
import io.drover.core.store.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * SQLite has one writer per database: all writes go through one connection behind a fair lock, so
 * they queue here instead of failing with SQLITE_BUSY. Reads use their own connections and, in WAL
 * mode, see the last commit without waiting for a write in progress.
 */
final class SqliteTransactions extends Transactions {
  static final int READERS = 4;
  static final int BUSY_TIMEOUT_MILLIS = 10_000;
  // Negative: KiB. The indexes of a large JobRun stay in memory while it is created and run.
  static final int WRITER_CACHE_KIB = 64 * 1024;
  static final int READER_CACHE_KIB = 16 * 1024;
  // Pages of WAL after which the writer checkpoints in its own commit, as SQLite does at 1,000 by
  // default: only when {@link Checkpoints} falls behind, and so that a WAL written without pause
  // is restarted from its beginning now and then (only a writer that finds it all copied does).
  static final int WRITER_CHECKPOINT_PAGES = 8_192;

  private final String url;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final Connection writer;
  private final Checkpoints checkpoints;
  private final Semaphore readerPermits = new Semaphore(READERS, true);
  private final BlockingQueue<Connection> idleReaders = new LinkedBlockingQueue<>();
  private final List<Connection> readers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  SqliteTransactions(String url) throws SQLException {
    this(url, Checkpoints.DELAY_MILLIS);
  }

  SqliteTransactions(String url, long checkpointDelayMillis) throws SQLException {
    this.url = url;
    this.writer = open(false);
    try {
      execute(writer, "PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
      // A reader's small cache, but not query_only: a checkpoint writes the database file.
      this.checkpoints = new Checkpoints(config(true).createConnection(url), checkpointDelayMillis);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
  }

  /** WAL checkpoints made off the writer so far (for tests). */
  long checkpoints() {
    return checkpoints.count();
  }

  @Override
  protected Connection acquire(boolean write) throws SQLException {
    try {
      if (write) {
        writeLock.lockInterruptibly();
        if (closed) {
          writeLock.unlock();
          throw new StoreException("the store is closed", null);
        }
        return writer;
      }
      readerPermits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", e);
    }
    Connection reader = idleReaders.poll();
    try {
      if (closed) {
        throw new StoreException("the store is closed", null);
      }
      if (reader == null) {
        reader = open(true);
        readers.add(reader);
      }
      return reader;
    } catch (SQLException | RuntimeException e) {
      readerPermits.release();
      throw e;
    }
  }

  @Override
  protected void release(Connection connection, boolean write) {
    if (write) {
      writeLock.unlock();
    } else {
      idleReaders.add(connection);
      readerPermits.release();
    }
  }

  @Override
  protected void begin(Connection connection, boolean write) throws SQLException {
    // IMMEDIATE takes the write lock at BEGIN, so a write never fails half-way on a busy database.
    execute(connection, write ? "BEGIN IMMEDIATE" : "BEGIN");
  }

  @Override
  protected void commit(Connection connection) throws SQLException {
    execute(connection, "COMMIT");
    if (connection == writer) {
      checkpoints.committed();
    }
  }

  @Override
  protected void rollback(Connection connection) throws SQLException {
    execute(connection, "ROLLBACK");
  }

  private Connection open(boolean reader) throws SQLException {
    Connection connection = StatementCache.wrap(config(reader).createConnection(url));
    if (reader) {
      execute(connection, "PRAGMA query_only = ON");
    }
    return connection;
  }

  private static SQLiteConfig config(boolean reader) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    config.setCacheSize(-(reader ? READER_CACHE_KIB : WRITER_CACHE_KIB));
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // Nothing reads generated keys; left on, the driver matches every statement's SQL against a
    // pattern and runs a SELECT last_insert_rowid() after every INSERT.
    config.setGetGeneratedKeys(false);
    return config;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  @Override
  public void close() {
    closed = true;
    checkpoints.close();
    writeLock.lock();
    try {
      closeQuietly(writer);
      readers.forEach(SqliteTransactions::closeQuietly);
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing: nothing left to do with it
    }
  }
}
