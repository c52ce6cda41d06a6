package io.drover.core.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One validated payload item; {@code maximumAttempts} and {@code requestTimeout} are the item's own
 * overrides or {@code null}.
 */
public record PayloadItemConfig(
    String apiName, ObjectNode parameters, Integer maximumAttempts, Integer requestTimeout) {}
