package io.drover.core.schedule;

import java.time.Duration;

/** Fires at {@code epoch + n * every + offset} for every whole n. */
public record IntervalSpec(Duration every, Duration offset) {}
