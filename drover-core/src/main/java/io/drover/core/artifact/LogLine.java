package io.drover.core.artifact;

import java.time.Instant;

/**
 * One log line of an attempt. {@code source} is "api" for the API's logger, "console"/"page" for
 * the page's.
 */
public record LogLine(Instant time, String level, String source, String message) {}
