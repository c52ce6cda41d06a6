package io.drover.core.store.sql;

import io.drover.core.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in transactions. A database only decides where connections come from and how a
 * transaction starts and ends; committing, rolling back and mapping errors are the same for all.
 */
public abstract class Transactions implements AutoCloseable {

  public final <T> T write(SqlWork<T> work) {
    return run(true, work);
  }

  public final <T> T read(SqlWork<T> work) {
    return run(false, work);
  }

  private <T> T run(boolean write, SqlWork<T> work) {
    Connection connection;
    try {
      connection = acquire(write);
    } catch (SQLException e) {
      throw new StoreException("cannot get a database connection: " + e.getMessage(), e);
    }
    try {
      begin(connection, write);
      T result = work.run(connection);
      commit(connection);
      return result;
    } catch (SQLException e) {
      rollbackQuietly(connection, e);
      throw new StoreException(
          "database " + (write ? "write" : "read") + " failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      release(connection, write);
    }
  }

  private void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      rollback(connection);
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** A connection for one transaction; writers may be serialized here. */
  protected abstract Connection acquire(boolean write) throws SQLException;

  /** Gives back what {@link #acquire} returned; called exactly once per acquire. */
  protected abstract void release(Connection connection, boolean write);

  protected void begin(Connection connection, boolean write) throws SQLException {
    connection.setAutoCommit(false);
  }

  protected void commit(Connection connection) throws SQLException {
    connection.commit();
  }

  protected void rollback(Connection connection) throws SQLException {
    connection.rollback();
  }

  @Override
  public abstract void close();
}
