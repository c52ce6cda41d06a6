package io.drover.core.store.sqlite;

import io.drover.core.PrivateFiles;
import io.drover.core.store.StoreException;
import io.drover.core.store.sql.JdbcStore;
import io.drover.core.store.sql.SqlDialect;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The embedded store: one SQLite file, {@value #FILE_NAME}, in the data directory, in WAL mode.
 * Writes are serialized in this process (SQLite has one writer), so a long write, such as saving a
 * Job with a very large payload, delays the claims behind it; reads never wait for writes. One
 * process per data directory.
 */
public final class SqliteStore extends JdbcStore {
  public static final String FILE_NAME = "drover.db";
  static final String MIGRATIONS = "classpath:db/sqlite";

  private SqliteStore(SqliteTransactions transactions) {
    super(transactions, new SqlDialect());
  }

  /**
   * Creates the directory (0700) and the database (0600) if needed, migrates it to the current
   * schema.
   */
  public static SqliteStore open(Path dataDir) {
    String url;
    try {
      PrivateFiles.createDirectories(dataDir);
      // Made 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database's mode.
      PrivateFiles.createFile(dataDir.resolve(FILE_NAME));
      url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e, e);
    }
    try {
      Flyway.configure()
          .dataSource(url, null, null)
          .locations(MIGRATIONS)
          .javaMigrations(new EqualityChecks())
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot migrate " + url + ": " + e.getMessage(), e);
    }
    try {
      return new SqliteStore(new SqliteTransactions(url));
    } catch (SQLException e) {
      throw new StoreException("cannot open " + url + ": " + e.getMessage(), e);
    }
  }
}
