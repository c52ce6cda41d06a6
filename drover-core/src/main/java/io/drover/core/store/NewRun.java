package io.drover.core.store;

/** A Run to insert: an extendPayload item or a standalone Run, limits already resolved. */
public record NewRun(
    String apiName, String parametersJson, int maximumAttempts, int requestTimeout) {}
