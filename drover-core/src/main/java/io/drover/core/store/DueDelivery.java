package io.drover.core.store;

import io.drover.core.job.SinkConfig;

/** A delivery claimed for sending: its body (built when the Run ended) and where it goes. */
public record DueDelivery(
    String id, String jobRunId, String bodyJson, int tries, SinkConfig sink) {}
