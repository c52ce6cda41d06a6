package io.drover.core.store.sql;

import io.drover.core.state.DeliveryStatus;
import io.drover.core.store.DeliveryRecord;
import io.drover.core.store.DeliveryStore;
import io.drover.core.store.DeliveryTry;
import io.drover.core.store.DueDelivery;
import io.drover.core.store.Page;
import io.drover.core.store.TriedDelivery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link DeliveryStore} on any SQL database, each method one transaction. */
final class JdbcDeliveryStore implements DeliveryStore {
  private final Transactions tx;
  private final DeliveryQueries deliveries;

  JdbcDeliveryStore(Transactions transactions, DeliveryQueries deliveries) {
    this.tx = transactions;
    this.deliveries = deliveries;
  }

  @Override
  public List<DueDelivery> claimDue(String node, int limit, Instant now) {
    return tx.write(c -> deliveries.claimDue(c, node, limit, now));
  }

  @Override
  public List<Boolean> recordTries(String node, List<TriedDelivery> tries) {
    if (tries.isEmpty()) {
      return List.of();
    }
    return tx.write(c -> deliveries.recordTries(c, node, tries));
  }

  @Override
  public boolean release(String node, String deliveryId, Instant at) {
    return tx.write(c -> deliveries.release(c, node, deliveryId, at));
  }

  @Override
  public Optional<DeliveryRecord> find(String project, String deliveryId) {
    return tx.read(c -> deliveries.find(c, project, deliveryId));
  }

  @Override
  public List<DeliveryRecord> listForRun(String project, String runId) {
    return tx.read(c -> deliveries.forRun(c, project, runId));
  }

  @Override
  public Page<DeliveryRecord> listForJobRun(
      String project, String jobRunId, DeliveryStatus status, String cursor, int limit) {
    return tx.read(c -> deliveries.forJobRun(c, project, jobRunId, status, cursor, limit));
  }

  @Override
  public List<DeliveryTry> listTries(String deliveryId) {
    return tx.read(c -> deliveries.tries(c, deliveryId));
  }

  @Override
  public long[] countForJobRun(String jobRunId) {
    return tx.read(c -> deliveries.counts(c, jobRunId));
  }

  @Override
  public Map<String, long[]> countForJobRuns(Collection<String> jobRunIds) {
    return jobRunIds.isEmpty() ? Map.of() : tx.read(c -> deliveries.counts(c, jobRunIds));
  }

  @Override
  public boolean redeliver(String project, String deliveryId, Instant now) {
    return tx.write(c -> deliveries.redeliver(c, project, deliveryId, now));
  }

  @Override
  public int redeliverFailed(String project, String jobRunId, Instant now) {
    return tx.write(c -> deliveries.redeliverFailed(c, project, jobRunId, now));
  }
}
