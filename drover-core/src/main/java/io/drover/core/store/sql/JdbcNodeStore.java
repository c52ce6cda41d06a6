package io.drover.core.store.sql;

import io.drover.core.store.NewNode;
import io.drover.core.store.NodeRecord;
import io.drover.core.store.NodeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@link NodeStore} on any SQL database, each method one transaction of {@link NodeQueries}.
 */
final class JdbcNodeStore implements NodeStore {
  private static final String JOIN_ERROR = "abandoned: the server stopped while it ran";

  private final Transactions tx;
  private final NodeQueries nodes;

  JdbcNodeStore(Transactions transactions, boolean oneNodePerDatabase) {
    this.tx = transactions;
    this.nodes = new NodeQueries(oneNodePerDatabase);
  }

  @Override
  public int joinNode(NewNode node, Instant now) {
    return tx.write(c -> nodes.join(c, node, now, JOIN_ERROR));
  }

  @Override
  public boolean heartbeat(String nodeId, Instant now) {
    return tx.write(c -> nodes.heartbeat(c, nodeId, now));
  }

  @Override
  public Reaped reapNodes(Instant lapsedBefore, Instant now) {
    return tx.write(
        c -> {
          List<String> lost = nodes.loseLapsed(c, lapsedBefore, now);
          return new Reaped(lost, nodes.abandonOrphans(c, now, ABANDONED_ERROR));
        });
  }

  @Override
  public int leaveNode(String nodeId, Instant now) {
    return tx.write(
        c -> {
          nodes.stop(c, nodeId, now);
          return nodes.abandonOrphans(c, now, JOIN_ERROR);
        });
  }

  @Override
  public List<AttemptKey> runningAttempts(String nodeId) {
    return tx.read(c -> nodes.runningAttempts(c, nodeId));
  }

  @Override
  public List<NodeRecord> listNodes(Instant endedSince) {
    return tx.read(c -> nodes.list(c, endedSince));
  }

  @Override
  public Optional<NodeRecord> findNode(String nodeId) {
    return tx.read(c -> nodes.find(c, nodeId));
  }

  @Override
  public Optional<NodeRecord> servingNodeOf(String nodeId) {
    return tx.read(c -> nodes.servingNodeOf(c, nodeId));
  }
}
