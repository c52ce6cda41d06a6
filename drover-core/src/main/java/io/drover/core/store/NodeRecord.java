package io.drover.core.store;

import io.drover.core.state.NodeStatus;
import java.time.Instant;

/** A node as the cluster sees it, with how many attempts are RUNNING on it now. */
public record NodeRecord(
    String id,
    String name,
    String host,
    String url,
    String version,
    int slots,
    NodeStatus status,
    Instant startedAt,
    Instant heartbeatAt,
    Instant endedAt,
    int runningAttempts) {}
