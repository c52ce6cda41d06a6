package io.drover.core.engine;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.store.RunRecord;
import io.drover.sdk.Api;

/**
 * What a worker thread does with one claimed attempt: find the API, bind its parameters, run it
 * through the executor and turn the return value into the Run's result JSON (at most
 * maxResultBytes). Returns how the attempt ended; it never throws.
 */
final class AttemptRunner {
  private final ProjectRegistry projects;
  private final AttemptExecutor executor;
  private final ObjectMapper json;
  private final int maxResultBytes;

  AttemptRunner(
      ProjectRegistry projects, AttemptExecutor executor, ObjectMapper json, int maxResultBytes) {
    this.projects = projects;
    this.executor = executor;
    this.json = json;
    this.maxResultBytes = maxResultBytes;
  }

  /** How an attempt ended from the worker's point of view. */
  record Ended(boolean succeeded, String resultJson, String error, boolean retryable) {
    static Ended failure(String error, boolean retryable) {
      return new Ended(false, null, error, retryable);
    }
  }

  @SuppressWarnings("unchecked")
  Ended run(InFlight attempt) {
    RunRecord run = attempt.claimed.run();
    Api<Object> api = (Api<Object>) projects.api(run.project(), run.apiName()).orElse(null);
    if (api == null) {
      return Ended.failure(
          "API '"
              + run.apiName()
              + "' does not exist in project "
              + run.project()
              + " (it may have been removed since the Run was created)",
          false);
    }
    Object parameters;
    try {
      JavaType type = json.getTypeFactory().constructType(api.parametersType());
      parameters = json.readValue(run.parametersJson(), type);
    } catch (Exception e) {
      return Ended.failure(
          "parameters of API '"
              + api.name()
              + "' do not fit "
              + api.parametersType().getSimpleName()
              + ": "
              + Errors.describe(e),
          false);
    }
    Object value;
    try {
      value = executor.execute(api, parameters, attempt.context);
    } catch (Throwable e) {
      return Ended.failure(Errors.describe(e), true);
    }
    byte[] result;
    try {
      result = json.writeValueAsBytes(value);
    } catch (Exception e) {
      return Ended.failure(
          "the result of API '" + api.name() + "' is not JSON-serialisable: " + Errors.describe(e),
          true);
    }
    if (result.length > maxResultBytes) {
      return Ended.failure(
          "the result is "
              + result.length
              + " bytes; the limit is "
              + maxResultBytes
              + " bytes ("
              + (maxResultBytes / (1024 * 1024))
              + " MB)",
          true);
    }
    return new Ended(
        true, new String(result, java.nio.charset.StandardCharsets.UTF_8), null, false);
  }
}
