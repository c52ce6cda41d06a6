package io.drover.core.store;

/** Receives a Job's payload items one at a time while the Job is being saved; batches them. */
public interface PayloadInserter {

  void add(String apiName, String parametersJson, Integer maximumAttempts, Integer requestTimeout);
}
