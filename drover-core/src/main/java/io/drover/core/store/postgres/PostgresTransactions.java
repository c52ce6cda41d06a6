package io.drover.core.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.drover.core.store.sql.Transactions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Transactions on pooled connections, in PostgreSQL's default READ COMMITTED isolation: the
 * statements that must not race across nodes lock the rows they depend on (a claim locks its
 * JobRun, a fire compares-and-sets its Job), so nothing needs SERIALIZABLE and its retries.
 */
final class PostgresTransactions extends Transactions {
  private final HikariDataSource pool;

  PostgresTransactions(HikariDataSource pool) {
    this.pool = pool;
  }

  @Override
  protected Connection acquire(boolean write) throws SQLException {
    return pool.getConnection();
  }

  @Override
  protected void release(Connection connection, boolean write) {
    try {
      connection.close(); // back to the pool, which rolls back anything left open
    } catch (SQLException ignored) {
      // the pool drops a connection it cannot reset
    }
  }

  // A read runs in autocommit: in READ COMMITTED each statement has its own snapshot anyway, and
  // it saves the round trip of a COMMIT.
  @Override
  protected void begin(Connection connection, boolean write) throws SQLException {
    connection.setAutoCommit(!write);
  }

  @Override
  protected void commit(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  @Override
  protected void rollback(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.rollback();
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
