package io.drover.core.engine;

/**
 * A background loop that runs beside the engine's own (deliveries, leases...): started after the
 * engine has recovered from a crash, closed before the engine closes its store's users.
 */
public interface EngineLoop extends AutoCloseable {

  void start();

  @Override
  void close();

  /** Makes a loop from what the engine is made of; given to {@link EngineBuilder#loop}. */
  @FunctionalInterface
  interface Factory {
    EngineLoop create(EngineParts parts);
  }
}
