package io.drover.core.store;

import io.drover.core.state.DeliveryStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deliveries of finished Runs to their Job's sink. They are created by the store itself, in the
 * transaction that ends the Run ({@link Store#finishAttempts}); this is how they are sent, retried
 * and shown. A claimed delivery carries the claiming node's id until its try is recorded;
 * deliveries held by a node that is not UP go back to being claimable (with the node's attempts).
 * Each method is one transaction.
 */
public interface DeliveryStore {

  /**
   * Up to {@code limit} PENDING deliveries due at {@code now} that nobody holds, now held by node.
   */
  List<DueDelivery> claimDue(String node, int limit, Instant now);

  /**
   * Records a try of a delivery held by {@code node}: DELIVERED when {@code delivered}, else
   * PENDING again at {@code retryAt}, or FAILED when {@code retryAt} is null. False if the node no
   * longer held it.
   */
  default boolean recordTry(
      String node, String deliveryId, DeliveryTry attempt, boolean delivered, Instant retryAt) {
    return recordTries(node, List.of(new TriedDelivery(deliveryId, attempt, delivered, retryAt)))
        .get(0);
  }

  /**
   * Records tries of deliveries held by {@code node}, all in one transaction (a busy deliverer
   * records its tries in groups, as the engine commits its outcomes); per try, in order, whether
   * the node still held the delivery (a try of one it no longer holds is dropped).
   */
  List<Boolean> recordTries(String node, List<TriedDelivery> tries);

  /** Hands a held delivery back untried, due at {@code at}; false if the node did not hold it. */
  boolean release(String node, String deliveryId, Instant at);

  Optional<DeliveryRecord> find(String project, String deliveryId);

  List<DeliveryRecord> listForRun(String project, String runId);

  Page<DeliveryRecord> listForJobRun(
      String project, String jobRunId, DeliveryStatus status, String cursor, int limit);

  List<DeliveryTry> listTries(String deliveryId);

  /** pending, delivered, failed. */
  long[] countForJobRun(String jobRunId);

  /**
   * {@link #countForJobRun} of each of these JobRuns in one query, by JobRun id (zeros for one with
   * no deliveries). At most {@link Store#MAX_BATCH} ids.
   */
  Map<String, long[]> countForJobRuns(Collection<String> jobRunIds);

  /** The delivery (not held by a node) is PENDING and due now; false if it does not exist. */
  boolean redeliver(String project, String deliveryId, Instant now);

  /** Every FAILED delivery of the JobRun is PENDING and due now; how many. */
  int redeliverFailed(String project, String jobRunId, Instant now);
}
