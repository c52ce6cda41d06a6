package io.drover.examples;

import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.RunContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Needs no browser: returns {@code {"echo": <its parameters>, "attempt": n, "concurrency": k,
 * "startedAtMs", "endedAtMs", "pid"}}. Parameters it understands: {@code log} (a message it writes
 * to the attempt's log), {@code failTimes} N (attempts 1..N throw), {@code sleepMs} (wait; with
 * {@code keepAlive: true} it calls extendTimeout every second while waiting), {@code extend} (a
 * list of payload items {@code {"apiName", "parameters"}} to add to the JobRun). {@code
 * concurrency} is how many echo attempts of the same JobRun were running in this process when this
 * one started, itself included: the API's own measure of the concurrency cap. {@code startedAtMs}
 * and {@code endedAtMs} (wall clock) and {@code pid} (the process) let a test across several server
 * processes measure the cap there.
 */
public final class Echo implements Api<JsonParameters> {
  private static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public Class<JsonParameters> parametersType() {
    return JsonParameters.class;
  }

  @Override
  public Object run(JsonParameters parameters, RunContext context) throws Exception {
    long startedAt = System.currentTimeMillis();
    String key = String.valueOf(context.execution().jobRunId());
    AtomicInteger running = RUNNING.computeIfAbsent(key, k -> new AtomicInteger());
    int concurrency = running.incrementAndGet();
    try {
      int attempt = context.execution().attempt();
      if (parameters.get("log") != null) {
        context.log().info("echo attempt " + attempt + ": " + parameters.get("log"));
      }
      extend(parameters.get("extend"), context);
      sleep(parameters, context);
      long failTimes = number(parameters.get("failTimes"));
      if (attempt <= failTimes) {
        throw new IllegalStateException(
            "failing on purpose: attempt " + attempt + " of failTimes " + failTimes);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("echo", parameters);
      result.put("attempt", attempt);
      result.put("concurrency", concurrency);
      result.put("startedAtMs", startedAt);
      result.put("endedAtMs", System.currentTimeMillis());
      result.put("pid", ProcessHandle.current().pid());
      return result;
    } finally {
      running.decrementAndGet();
    }
  }

  @SuppressWarnings("unchecked")
  private static void extend(Object items, RunContext context) {
    if (!(items instanceof List<?> list)) {
      return;
    }
    for (Object entry : list) {
      Map<String, Object> item = (Map<String, Object>) entry;
      Object parameters = item.getOrDefault("parameters", Map.of());
      context.extendPayload(
          PayloadItem.of((String) item.get("apiName"), (Map<String, Object>) parameters));
    }
  }

  private static void sleep(JsonParameters parameters, RunContext context)
      throws InterruptedException {
    long left = number(parameters.get("sleepMs"));
    boolean keepAlive = Boolean.TRUE.equals(parameters.get("keepAlive"));
    while (left > 0) {
      long step = Math.min(left, 1_000);
      Thread.sleep(step);
      left -= step;
      if (keepAlive) {
        context.extendTimeout();
      }
    }
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
