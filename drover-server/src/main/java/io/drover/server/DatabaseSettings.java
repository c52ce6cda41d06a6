package io.drover.server;

import io.drover.core.store.Store;
import io.drover.core.store.postgres.PostgresStore;
import io.drover.core.store.sqlite.SqliteStore;
import java.nio.file.Path;

/**
 * Where the server keeps its data: with no {@code url}, the embedded SQLite file in the data
 * directory (one node); with {@code jdbc:postgresql://host[:port]/database}, a PostgreSQL database
 * that several nodes may share. The password is never shown ({@link #toString}).
 */
public record DatabaseSettings(String url, String user, String password) {

  public static final DatabaseSettings SQLITE = new DatabaseSettings(null, null, null);

  public DatabaseSettings {
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database = '"
              + url
              + "': expected jdbc:postgresql://host[:port]/database (or none for SQLite)");
    }
  }

  public boolean postgres() {
    return url != null;
  }

  public DatabaseSettings withUrl(String value) {
    return new DatabaseSettings(value == null || value.isBlank() ? null : value, user, password);
  }

  public DatabaseSettings withUser(String value) {
    return new DatabaseSettings(url, value, password);
  }

  public DatabaseSettings withPassword(String value) {
    return new DatabaseSettings(url, user, value);
  }

  Store open(Path dataDir) {
    return postgres() ? PostgresStore.open(url, user, password) : SqliteStore.open(dataDir);
  }

  /** Where the data is, for humans: never the password (nor URL parameters, which may hold one). */
  String describe(Path dataDir) {
    if (!postgres()) {
      return "SQLite in " + dataDir.toAbsolutePath();
    }
    int query = url.indexOf('?');
    return "PostgreSQL "
        + (query < 0 ? url : url.substring(0, query))
        + (user == null ? "" : " as " + user);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + describe(Path.of(".")) + "]";
  }
}
