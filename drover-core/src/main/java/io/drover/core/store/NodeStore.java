package io.drover.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Nodes and their leases: the Drover processes that share one database. Every RUNNING attempt
 * carries the id of the node running it; a node holds its attempts while it heart-beats. An attempt
 * whose node is not UP is taken back (ABANDONED, its Run PENDING again with its due time, so it
 * runs again first, without using up an attempt) by whichever node sees it first — exactly once,
 * since each step only changes rows that are still in the state it expects. Each method is one
 * transaction.
 */
public interface NodeStore {

  /** The error of an attempt taken back from a node that is gone. */
  String ABANDONED_ERROR = "abandoned: the node running it stopped (no heartbeat within its lease)";

  /**
   * The node is UP, heart-beating as of {@code now} (a node with this id that was LOST is UP
   * again). Its earlier incarnations — UP nodes of the same name — are LOST, and so is every other
   * node on a database that only one node may use (SQLite). Then the RUNNING attempts of nodes that
   * are not UP are abandoned. Returns how many attempts were abandoned.
   */
  int joinNode(NewNode node, Instant now);

  /**
   * Renews the node's lease. False if the node is not UP: its lease was lost (its attempts were
   * taken back, or will be) and it must stop them and join again.
   */
  boolean heartbeat(String nodeId, Instant now);

  /**
   * UP nodes whose last heartbeat is before {@code lapsedBefore} become LOST, then the RUNNING
   * attempts of nodes that are not UP are abandoned. Safe to run on every node at once.
   */
  Reaped reapNodes(Instant lapsedBefore, Instant now);

  /** What one reap did: the nodes it found lapsed and how many attempts it took back. */
  record Reaped(List<String> lostNodes, int abandonedAttempts) {}

  /** A clean stop: the node is STOPPED and its RUNNING attempts are abandoned at once. */
  int leaveNode(String nodeId, Instant now);

  /** The node's RUNNING attempts (what it still holds), in no order. */
  List<AttemptKey> runningAttempts(String nodeId);

  /** One attempt of one Run. */
  record AttemptKey(String runId, int number) {}

  /** UP nodes and those that ended at or after {@code endedSince}, by name then start. */
  List<NodeRecord> listNodes(Instant endedSince);

  Optional<NodeRecord> findNode(String nodeId);

  /**
   * The UP node serving what node {@code nodeId} left behind (its attempt artifacts): that node
   * itself, or the latest incarnation of its name. Empty if none is UP.
   */
  Optional<NodeRecord> servingNodeOf(String nodeId);
}
