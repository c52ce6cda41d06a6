package io.drover.core.store;

import io.drover.core.state.AttemptStatus;
import java.time.Instant;

/** One try of a Run; {@code node} is the id of the node that ran it (null before nodes existed). */
public record AttemptRecord(
    String runId,
    int number,
    AttemptStatus status,
    Instant startedAt,
    Instant endedAt,
    String error,
    String node) {}
