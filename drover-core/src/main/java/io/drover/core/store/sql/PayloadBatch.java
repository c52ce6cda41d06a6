package io.drover.core.store.sql;

import io.drover.core.store.PayloadInserter;
import io.drover.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Inserts payload items under one payload id, seq 1, 2, ..., in JDBC batches. */
final class PayloadBatch implements PayloadInserter, AutoCloseable {
  static final int BATCH_SIZE = 1000;

  private static final String INSERT =
      "INSERT INTO payload_items (payload_id, seq, api_name, parameters_json, maximum_attempts,"
          + " request_timeout) VALUES (?, ?, ?, ?, ?, ?)";

  private final PreparedStatement insert;
  private final String payloadId;
  private long count;
  private int batched;

  PayloadBatch(Connection connection, String payloadId) throws SQLException {
    this.insert = connection.prepareStatement(INSERT);
    this.payloadId = payloadId;
  }

  @Override
  public void add(
      String apiName, String parametersJson, Integer maximumAttempts, Integer requestTimeout) {
    try {
      Sql.bind(
          insert, payloadId, ++count, apiName, parametersJson, maximumAttempts, requestTimeout);
      insert.addBatch();
      if (++batched == BATCH_SIZE) {
        flush();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot store payload item " + count + ": " + e.getMessage(), e);
    }
  }

  /** Writes what is still batched and returns how many items were added in all. */
  long finish() throws SQLException {
    flush();
    return count;
  }

  private void flush() throws SQLException {
    if (batched > 0) {
      insert.executeBatch();
      batched = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    insert.close();
  }
}
