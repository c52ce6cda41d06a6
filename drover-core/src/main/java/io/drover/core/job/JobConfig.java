package io.drover.core.job;

import io.drover.core.schedule.Schedule;

/**
 * A validated Job document, without its payload (payload items are streamed to a {@link
 * PayloadListener} while parsing so a payload of any size is never held whole). {@code schedule},
 * {@code sink} and {@code authSession} are {@code null} when absent.
 */
public record JobConfig(
    String id,
    Configuration configuration,
    Schedule schedule,
    SinkConfig sink,
    AuthSessionRef authSession) {}
