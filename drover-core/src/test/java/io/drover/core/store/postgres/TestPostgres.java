package io.drover.core.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (embedded: its binaries come from a Maven artifact, it runs as
 * root here, nothing to install), started on first use and stopped when the JVM exits. Each test
 * class (or test) asks for a fresh, empty database of its own.
 */
public final class TestPostgres {
  public static final String USER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static String template;

  private TestPostgres() {}

  /** The running server, started if needed. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                // Tests do not need the data to survive a power cut; they need it fast.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /**
   * Creates a new database with Drover's schema (copied from a template migrated once, which is
   * much faster than migrating each) and returns its JDBC URL (user {@link #USER}, no password).
   */
  public static String freshDatabase() {
    String name = "drover_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + name + " TEMPLATE " + template());
    return server().getJdbcUrl(USER, name);
  }

  /** A new database with nothing in it (no schema). */
  public static String emptyDatabase() {
    String name = "empty_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return server().getJdbcUrl(USER, name);
  }

  private static synchronized String template() {
    if (template == null) {
      String url = emptyDatabase();
      PostgresStore.open(url, USER, null, 1).close();
      template = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }
    return template;
  }

  private static void execute(String sql) {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run: " + sql, e);
    }
  }

  /** A store on a fresh database, with a small pool. */
  public static PostgresStore freshStore() {
    return PostgresStore.open(freshDatabase(), USER, null, 4);
  }
}
