package io.drover.core.store;

/**
 * A node joining the cluster. {@code id} is new for every start of a process; {@code name} stays
 * the same across restarts (a node finds its previous incarnations by it). {@code url} is where the
 * other nodes send a client for what only this node has (attempt artifacts); may be null.
 */
public record NewNode(String id, String name, String host, String url, String version, int slots) {}
