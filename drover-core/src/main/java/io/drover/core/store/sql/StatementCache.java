package io.drover.core.store.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the prepared statements of one connection for reuse, so the queries that run for every
 * claim and commit are compiled once instead of once per transaction (SQLite compiles a statement
 * in {@code prepareStatement}). The queries code is unchanged: {@link #wrap} returns a connection
 * whose {@code prepareStatement(sql)} hands out a cached statement and whose statements' {@code
 * close()} only clears their parameters. A statement still open when the same SQL is asked for
 * again (a nested use) is not shared: the second caller gets a statement of its own. Closing the
 * connection closes them all. Use it only for a connection that one thread uses at a time.
 */
public final class StatementCache implements InvocationHandler {
  /** Distinct SQL strings kept per connection; the least recently used goes beyond that. */
  static final int MAX_STATEMENTS = 128;

  private final Connection connection;
  private final Map<String, Cached> statements =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          if (size() <= MAX_STATEMENTS) {
            return false;
          }
          eldest.getValue().evict();
          return true;
        }
      };

  private StatementCache(Connection connection) {
    this.connection = connection;
  }

  public static Connection wrap(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            StatementCache.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new StatementCache(connection));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("prepareStatement") && args != null && args.length == 1) {
      return prepare((String) args[0]);
    }
    if (name.equals("close")) {
      statements.values().forEach(Cached::closeQuietly);
      statements.clear();
    }
    return call(connection, method, args);
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    Cached cached = statements.get(sql);
    if (cached == null) {
      cached = new Cached(connection.prepareStatement(sql));
      statements.put(sql, cached);
    } else if (cached.inUse) {
      return connection.prepareStatement(sql);
    }
    cached.inUse = true;
    return cached.proxy;
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One cached statement and the proxy handed out for it. */
  private static final class Cached implements InvocationHandler {
    final PreparedStatement statement;
    final PreparedStatement proxy;
    boolean inUse;
    boolean evicted;

    Cached(PreparedStatement statement) {
      this.statement = statement;
      this.proxy =
          (PreparedStatement)
              Proxy.newProxyInstance(
                  StatementCache.class.getClassLoader(),
                  new Class<?>[] {PreparedStatement.class},
                  this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          if (inUse) {
            inUse = false;
            if (evicted) {
              statement.close();
            } else {
              statement.clearParameters();
              statement.clearBatch();
            }
          }
          return null;
        case "isClosed":
          return !inUse || statement.isClosed();
        default:
          return call(statement, method, args);
      }
    }

    /** Out of the cache: closed now, or when its user closes it. */
    void evict() {
      evicted = true;
      if (!inUse) {
        closeQuietly();
      }
    }

    void closeQuietly() {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // closing: nothing left to do with it
      }
    }
  }
}
