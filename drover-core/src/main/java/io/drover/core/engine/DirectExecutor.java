package io.drover.core.engine;

import io.drover.sdk.Api;

/** Runs APIs in-process without a browser: {@code page()} fails with a clear message. */
public final class DirectExecutor implements AttemptExecutor {

  @Override
  public Object execute(Api<Object> api, Object parameters, AttemptContext context)
      throws Exception {
    context.usePages(
        () -> {
          throw new IllegalStateException(
              "API '" + api.name() + "' asked for a page, but this engine runs without a browser");
        });
    return api.run(parameters, context);
  }
}
