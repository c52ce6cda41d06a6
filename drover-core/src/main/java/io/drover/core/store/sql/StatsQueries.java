package io.drover.core.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Aggregates read when metrics are scraped: one GROUP BY each, never a loop over Jobs. */
final class StatsQueries {
  // Served by the partial index runs_due (PENDING rows only).
  private static final String PENDING_BY_PROJECT =
      "SELECT project, COUNT(*) AS pending FROM runs WHERE status = 'PENDING' GROUP BY project";

  Map<String, Long> pendingByProject(Connection c) throws SQLException {
    Map<String, Long> pending = new LinkedHashMap<>();
    for (Map.Entry<String, Long> row :
        Sql.list(
            c, PENDING_BY_PROJECT, r -> Map.entry(r.getString("project"), r.getLong("pending")))) {
      pending.put(row.getKey(), row.getValue());
    }
    return pending;
  }
}
