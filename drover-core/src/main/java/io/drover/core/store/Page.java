package io.drover.core.store;

import java.util.List;

/** One page of a list; {@code nextCursor} is {@code null} on the last page. */
public record Page<T>(List<T> items, String nextCursor) {}
