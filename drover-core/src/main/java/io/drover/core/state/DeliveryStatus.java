package io.drover.core.state;

/** A delivery of a finished Run to its Job's sink: PENDING until DELIVERED or FAILED. */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED
}
