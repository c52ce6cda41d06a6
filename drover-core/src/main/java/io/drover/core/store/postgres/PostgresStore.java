package io.drover.core.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.drover.core.store.StoreException;
import io.drover.core.store.sql.JdbcStore;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The cluster store: one PostgreSQL database that several Drover nodes share. The SQL is the JDBC
 * base's; only what PostgreSQL does differently is here ({@link PostgresDialect}: claims skip rows
 * other nodes are claiming) and in the migrations of {@value #MIGRATIONS}.
 *
 * <p>Connections come from HikariCP rather than the driver: pgJDBC's own pooling DataSource is
 * deprecated, does not check or replace a connection the server dropped (a restart, a failover),
 * and has no bound on the wait for a connection; HikariCP does all three in one small jar.
 */
public final class PostgresStore extends JdbcStore {
  static final String MIGRATIONS = "classpath:db/postgres";

  /** Connections per node: its loops (claim, commit, schedule, reap) and its HTTP requests. */
  public static final int DEFAULT_POOL_SIZE = 10;

  private PostgresStore(PostgresTransactions transactions) {
    super(transactions, new PostgresDialect());
  }

  /**
   * Migrates the database at {@code url} ({@code jdbc:postgresql://...}) and opens a pool on it.
   */
  public static PostgresStore open(String url, String user, String password) {
    return open(url, user, password, DEFAULT_POOL_SIZE);
  }

  public static PostgresStore open(String url, String user, String password, int poolSize) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database = '"
              + (url == null ? null : shown(url))
              + "': expected a jdbc:postgresql://host[:port]/database URL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("drover-postgres");
    config.setAutoCommit(false);
    // Many-row JDBC batches (payload items, claimed attempts) go as multi-row INSERTs.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "drover");
    // Flyway on connections of its own: it holds two at once (its lock, the migration).
    try {
      Flyway.configure().dataSource(url, user, password).locations(MIGRATIONS).load().migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot migrate " + shown(url) + ": " + e.getMessage(), e);
    }
    try {
      return new PostgresStore(new PostgresTransactions(new HikariDataSource(config)));
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + shown(url) + ": " + e.getMessage(), e);
    }
  }

  /** The URL without its parameters, which may hold a password. */
  static String shown(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
