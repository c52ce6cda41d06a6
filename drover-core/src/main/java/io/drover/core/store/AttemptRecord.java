package io.drover.core.store;

import io.drover.core.state.AttemptStatus;
import java.time.Instant;

public record AttemptRecord(
    String runId,
    int number,
    AttemptStatus status,
    Instant startedAt,
    Instant endedAt,
    String error) {}
