package io.drover.core.store;

import io.drover.core.state.DeliveryStatus;
import java.time.Instant;

/** A delivery as users see it; {@code nextTryAt} is when a PENDING one is tried next. */
public record DeliveryRecord(
    String id,
    String project,
    String runId,
    String jobRunId,
    String apiName,
    DeliveryStatus status,
    int tries,
    Instant nextTryAt,
    String lastError,
    Instant createdAt,
    Instant endedAt) {}
