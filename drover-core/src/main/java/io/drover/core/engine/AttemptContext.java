package io.drover.core.engine;

import com.microsoft.playwright.Page;
import io.drover.core.Clock;
import io.drover.core.artifact.LogLine;
import io.drover.sdk.Execution;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.RunContext;
import io.drover.sdk.RunLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link RunContext} of one attempt, and what the engine needs to know about it while it runs:
 * its deadline (moved by extendTimeout), its log lines and its payload extensions. Shared by the
 * worker thread and the watchdog, so every mutable field is guarded.
 */
public final class AttemptContext implements RunContext {
  private final Execution execution;
  private final Duration requestTimeout;
  private final Clock clock;
  private final Predicate<String> knownApi;
  private final int maxLogLines;
  private final AttemptOptions options;
  private final List<LogLine> logs = new ArrayList<>();
  private final List<PayloadItem> extensions = new ArrayList<>();
  private long deadlineMillis;
  private int droppedLogLines;
  private Supplier<Page> pages =
      () -> {
        throw new IllegalStateException("no page source was set for this attempt");
      };

  public AttemptContext(
      Execution execution,
      Duration requestTimeout,
      Clock clock,
      Predicate<String> knownApi,
      int maxLogLines) {
    this(execution, requestTimeout, clock, knownApi, maxLogLines, AttemptOptions.DEFAULT);
  }

  public AttemptContext(
      Execution execution,
      Duration requestTimeout,
      Clock clock,
      Predicate<String> knownApi,
      int maxLogLines,
      AttemptOptions options) {
    this.options = options;
    this.execution = execution;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.knownApi = knownApi;
    this.maxLogLines = maxLogLines;
    this.deadlineMillis = clock.now().plus(requestTimeout).toEpochMilli();
  }

  /** What the Job's configuration asks of the executor (trace mode). */
  public AttemptOptions options() {
    return options;
  }

  /** Set by the executor: how {@link #page()} gets its page (opened lazily, on first call). */
  public void usePages(Supplier<Page> pages) {
    this.pages = Objects.requireNonNull(pages);
  }

  @Override
  public Page page() {
    return pages.get();
  }

  @Override
  public void extendPayload(PayloadItem... items) {
    if (execution.standalone()) {
      throw new IllegalStateException(
          "extendPayload: run "
              + execution.runId()
              + " is a standalone Run; only Runs of a JobRun can extend its payload");
    }
    for (PayloadItem item : items) {
      Objects.requireNonNull(item, "extendPayload: item is null");
      if (!knownApi.test(item.apiName())) {
        throw new IllegalArgumentException(
            "extendPayload: apiName '"
                + item.apiName()
                + "' is not an API of project "
                + execution.project());
      }
      checkOverride("maximumAttempts", item.maximumAttempts(), 100);
      checkOverride("requestTimeout", item.requestTimeout(), 86_400);
    }
    synchronized (this) {
      extensions.addAll(List.of(items));
    }
  }

  private static void checkOverride(String field, Integer value, int max) {
    if (value != null && (value < 1 || value > max)) {
      throw new IllegalArgumentException(
          "extendPayload: " + field + " = " + value + ": expected 1 to " + max);
    }
  }

  @Override
  public synchronized void extendTimeout() {
    deadlineMillis = clock.now().plus(requestTimeout).toEpochMilli();
  }

  @Override
  public RunLog log() {
    return (level, message) -> append(level.name(), "api", message);
  }

  /** Adds a line from any source (the API's logger, the page's console). */
  public synchronized void append(String level, String source, String message) {
    if (logs.size() < maxLogLines) {
      logs.add(new LogLine(clock.now(), level, source, String.valueOf(message)));
    } else {
      droppedLogLines++;
    }
  }

  @Override
  public Execution execution() {
    return execution;
  }

  public synchronized boolean pastDeadline() {
    return clock.now().toEpochMilli() > deadlineMillis;
  }

  public synchronized List<LogLine> logLines() {
    List<LogLine> copy = new ArrayList<>(logs);
    if (droppedLogLines > 0) {
      copy.add(
          new LogLine(
              clock.now(),
              "WARN",
              "drover",
              droppedLogLines
                  + " more log lines were dropped (limit "
                  + maxLogLines
                  + " per attempt)"));
    }
    return copy;
  }

  public synchronized List<PayloadItem> extensions() {
    return List.copyOf(extensions);
  }
}
