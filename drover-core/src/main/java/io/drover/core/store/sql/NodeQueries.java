package io.drover.core.store.sql;

import static io.drover.core.store.sql.Rows.NODE_COLUMNS;

import io.drover.core.state.AttemptStatus;
import io.drover.core.state.NodeStatus;
import io.drover.core.state.RunStatus;
import io.drover.core.store.NewNode;
import io.drover.core.store.NodeRecord;
import io.drover.core.store.NodeStore.AttemptKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Nodes, their heartbeats, and taking back the attempts of nodes that are gone. Every change is
 * guarded by the state it leaves (a node still UP, an attempt still RUNNING), so nodes that reap at
 * the same time each take back a different part, and together everything exactly once.
 */
final class NodeQueries {
  private static final String REJOIN =
      "UPDATE nodes SET status = 'UP', heartbeat_at = ?, ended_at = NULL WHERE id = ? AND "
          + Transitions.into(NodeStatus.UP);
  private static final String INSERT =
      "INSERT INTO nodes (id, name, host, url, version, slots, status, started_at, heartbeat_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, 'UP', ?, ?)";
  private static final String LOSE_EARLIER =
      "UPDATE nodes SET status = 'LOST', ended_at = ? WHERE id <> ? AND "
          + Transitions.into(NodeStatus.LOST);
  private static final String HEARTBEAT =
      "UPDATE nodes SET heartbeat_at = ? WHERE id = ? AND status = 'UP'";
  private static final String LOSE_LAPSED =
      "UPDATE nodes SET status = 'LOST', ended_at = ? WHERE heartbeat_at < ? AND "
          + Transitions.into(NodeStatus.LOST)
          + " RETURNING id";
  private static final String STOP =
      "UPDATE nodes SET status = 'STOPPED', ended_at = ? WHERE id = ? AND "
          + Transitions.into(NodeStatus.STOPPED);
  // An attempt is held while its node is UP; the partial index on RUNNING attempts keeps this
  // scan as small as the number of attempts running in the whole cluster.
  private static final String ABANDON_ORPHANS =
      "UPDATE attempts SET status = 'ABANDONED', ended_at = ?, error = ? WHERE "
          + Transitions.into(AttemptStatus.ABANDONED)
          + " AND (node IS NULL OR NOT EXISTS (SELECT 1 FROM nodes n"
          + " WHERE n.id = attempts.node AND n.status = 'UP')) RETURNING run_id";
  // The Run keeps its due time (it was due when claimed), so it runs again before the Runs that
  // were still waiting behind it, not after all of them.
  private static final String RUN_PENDING_AGAIN =
      "UPDATE runs SET status = 'PENDING' WHERE id = ? AND " + Transitions.into(RunStatus.PENDING);
  private static final String RUNNING_ATTEMPTS =
      "SELECT run_id, number FROM attempts WHERE node = ? AND status = 'RUNNING'";
  private static final String WITH_RUNNING =
      "SELECT "
          + NODE_COLUMNS
          + ", (SELECT COUNT(*) FROM attempts a WHERE a.node = nodes.id"
          + " AND a.status = 'RUNNING') AS running FROM nodes";

  private final boolean oneNodePerDatabase;

  NodeQueries(boolean oneNodePerDatabase) {
    this.oneNodePerDatabase = oneNodePerDatabase;
  }

  int join(Connection c, NewNode node, Instant now, String abandonedError) throws SQLException {
    if (Sql.update(c, REJOIN, now, node.id()) == 0) {
      Sql.update(
          c,
          INSERT,
          node.id(),
          node.name(),
          node.host(),
          node.url(),
          node.version(),
          node.slots(),
          now,
          now);
    }
    if (oneNodePerDatabase) {
      Sql.update(c, LOSE_EARLIER, now, node.id());
    } else {
      Sql.update(c, LOSE_EARLIER + " AND name = ?", now, node.id(), node.name());
    }
    return abandonOrphans(c, now, abandonedError);
  }

  boolean heartbeat(Connection c, String nodeId, Instant now) throws SQLException {
    return Sql.update(c, HEARTBEAT, now, nodeId) == 1;
  }

  List<String> loseLapsed(Connection c, Instant lapsedBefore, Instant now) throws SQLException {
    return Sql.list(c, LOSE_LAPSED, row -> row.getString(1), now, lapsedBefore);
  }

  boolean stop(Connection c, String nodeId, Instant now) throws SQLException {
    return Sql.update(c, STOP, now, nodeId) == 1;
  }

  /**
   * RUNNING attempts of nodes that are not UP become ABANDONED, their Runs PENDING again; the
   * deliveries such nodes were sending can be claimed again.
   */
  int abandonOrphans(Connection c, Instant now, String error) throws SQLException {
    Sql.update(c, DeliveryQueries.RELEASE_ORPHANS);
    List<String> runIds = Sql.list(c, ABANDON_ORPHANS, row -> row.getString(1), now, error);
    if (runIds.isEmpty()) {
      return 0;
    }
    try (PreparedStatement pending = c.prepareStatement(RUN_PENDING_AGAIN)) {
      for (String runId : runIds) {
        Sql.bind(pending, runId);
        pending.addBatch();
      }
      pending.executeBatch();
    }
    return runIds.size();
  }

  List<AttemptKey> runningAttempts(Connection c, String nodeId) throws SQLException {
    return Sql.list(
        c, RUNNING_ATTEMPTS, row -> new AttemptKey(row.getString(1), row.getInt(2)), nodeId);
  }

  List<NodeRecord> list(Connection c, Instant endedSince) throws SQLException {
    return Sql.list(
        c,
        WITH_RUNNING + " WHERE status = 'UP' OR ended_at >= ? ORDER BY name, started_at, id",
        Rows::node,
        endedSince);
  }

  Optional<NodeRecord> find(Connection c, String nodeId) throws SQLException {
    return Sql.one(c, WITH_RUNNING + " WHERE id = ?", Rows::node, nodeId);
  }

  Optional<NodeRecord> servingNodeOf(Connection c, String nodeId) throws SQLException {
    return Sql.one(
        c,
        WITH_RUNNING
            + " WHERE status = 'UP' AND name = (SELECT name FROM nodes WHERE id = ?)"
            + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, started_at DESC LIMIT 1",
        Rows::node,
        nodeId,
        nodeId);
  }
}
