package io.drover.core.store;

import java.time.Instant;

/**
 * A try of a delivery, to record: DELIVERED when {@code delivered}, else PENDING again at {@code
 * retryAt}, or FAILED when {@code retryAt} is null.
 */
public record TriedDelivery(
    String deliveryId, DeliveryTry attempt, boolean delivered, Instant retryAt) {}
