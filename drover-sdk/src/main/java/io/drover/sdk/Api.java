package io.drover.sdk;

/**
 * One named automation of a Project. Drover binds the JSON parameters of a Run to {@link
 * #parametersType()} and calls {@link #run} once per attempt; the returned value (a record, map,
 * list, string, number or {@code null}) is serialised to JSON as the Run's result (at most 2 MB).
 *
 * <p>Throwing fails the attempt; Drover retries it while attempts remain.
 *
 * @param <P> the parameters type: a record or class bound from JSON, or {@code JsonParameters}
 */
public interface Api<P> {

  /** The name Runs use to call this API, e.g. {@code list} or {@code crawler/crawl}. */
  String name();

  /** The class the JSON parameters are bound to. */
  Class<P> parametersType();

  Object run(P parameters, RunContext context) throws Exception;
}
