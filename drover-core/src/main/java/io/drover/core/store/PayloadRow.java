package io.drover.core.store;

/**
 * One stored payload item, as the user wrote it: {@code maximumAttempts} and {@code requestTimeout}
 * are the item's own overrides, {@code null} when it has none.
 */
public record PayloadRow(
    long seq,
    String apiName,
    String parametersJson,
    Integer maximumAttempts,
    Integer requestTimeout) {}
