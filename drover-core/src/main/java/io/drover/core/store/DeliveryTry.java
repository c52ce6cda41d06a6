package io.drover.core.store;

import java.time.Instant;

/** One try of a delivery: the HTTP status it got, or the error it met. */
public record DeliveryTry(
    int number, Instant startedAt, long durationMillis, Integer statusCode, String error) {}
