package io.drover.core.store;

/** A Run the dispatcher claimed: it is now RUNNING with a new RUNNING attempt {@code attempt}. */
public record ClaimedAttempt(RunRecord run, int attempt) {}
