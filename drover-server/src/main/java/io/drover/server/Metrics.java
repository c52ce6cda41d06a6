package io.drover.server;

import io.drover.core.browser.BrowserExecutor;
import io.drover.core.engine.Engine;
import io.drover.core.store.StatsStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The server's metrics in the Prometheus text format, made with the Prometheus Java client ({@code
 * io.prometheus:prometheus-metrics-core} 1.x) rather than Micrometer: Prometheus is the one format
 * Drover exposes, so a vendor-neutral facade would only add a translation layer (dotted names and
 * base units rewritten on the way out) and more dependencies; the Prometheus project's own client
 * writes exactly the names, labels and histograms we define, plus its JVM metrics.
 *
 * <p>Counters and histograms are fed by engine, browser and HTTP events; gauges are read when
 * scraped (one GROUP BY for the queue depth). The names are listed in the README.
 */
final class Metrics {
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final double[] ATTEMPT_SECONDS = {
    0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800
  };
  private static final double[] LATENESS_SECONDS = {
    0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300
  };
  private static final double[] DELIVERY_SECONDS = {
    0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600
  };
  private static final double[] HTTP_SECONDS = {
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  final Counter runsFinished =
      Counter.builder()
          .name("drover_runs_finished_total")
          .help("Runs that ended by an attempt, by project, API and status (COMPLETED, FAILED)")
          .labelNames("project", "api", "status")
          .register(registry);
  final Histogram attemptDuration =
      Histogram.builder()
          .name("drover_attempt_duration_seconds")
          .help("How long attempts took, by project, API and outcome (the attempt's status)")
          .unit(Unit.SECONDS)
          .labelNames("project", "api", "outcome")
          .classicOnly()
          .classicUpperBounds(ATTEMPT_SECONDS)
          .register(registry);
  final Histogram scheduleLateness =
      Histogram.builder()
          .name("drover_schedule_lateness_seconds")
          .help("How long after its (jittered) time a scheduled JobRun started")
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(LATENESS_SECONDS)
          .register(registry);
  final Counter skippedFires =
      Counter.builder()
          .name("drover_schedule_skipped_fires_total")
          .help("Schedule fires that started no JobRun (one still active, or missed in downtime)")
          .labelNames("project")
          .register(registry);
  final Counter browserLaunches =
      Counter.builder()
          .name("drover_browser_launches_total")
          .help("Chromium launches of the browser slots")
          .register(registry);
  final Counter browserCrashes =
      Counter.builder()
          .name("drover_browser_crashes_total")
          .help("Chromiums of browser slots that died without Drover stopping them")
          .register(registry);
  final Counter browserRestarts =
      Counter.builder()
          .name("drover_browser_restarts_total")
          .help(
              "Chromiums replaced, by reason: crash, killed (a stopped attempt hung), recycle (worn"
                  + " out), slot (the whole slot was replaced)")
          .labelNames("reason")
          .register(registry);
  final Counter deliveries =
      Counter.builder()
          .name("drover_deliveries_total")
          .help("Tries to deliver a Run's result to its sink, by project and resulting status")
          .labelNames("project", "status")
          .register(registry);
  final Histogram deliveryDelay =
      Histogram.builder()
          .name("drover_delivery_delay_seconds")
          .help("Time from a Run's end to a try of its delivery")
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(DELIVERY_SECONDS)
          .register(registry);
  final Counter httpRequests =
      Counter.builder()
          .name("drover_http_requests_total")
          .help("HTTP requests by method, route (path template) and status")
          .labelNames("method", "route", "status")
          .register(registry);
  final Histogram httpDuration =
      Histogram.builder()
          .name("drover_http_request_duration_seconds")
          .help("HTTP request handling time by method and route")
          .unit(Unit.SECONDS)
          .labelNames("method", "route")
          .classicOnly()
          .classicUpperBounds(HTTP_SECONDS)
          .register(registry);
  final Counter authFailures =
      Counter.builder()
          .name("drover_auth_failures_total")
          .help("Refused requests by reason: missing, malformed, invalid (key), forbidden (scope)")
          .labelNames("reason")
          .register(registry);

  Metrics() {
    JvmMetrics.builder().register(registry);
  }

  /** The gauges, read from the engine, the store and the browser slots when scraped. */
  void gauges(Engine engine, StatsStore stats, BrowserExecutor browser) {
    GaugeWithCallback.builder()
        .name("drover_runs_pending")
        .help("Queue depth: PENDING Runs per project (waiting, retrying or paused)")
        .labelNames("project")
        .callback(
            cb -> {
              for (Map.Entry<String, Long> e : stats.pendingRunsByProject().entrySet()) {
                cb.call(e.getValue(), e.getKey());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("drover_attempts_running")
        .help("Attempts this server is executing or committing now")
        .callback(cb -> cb.call(engine.inFlight()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("drover_browser_slots")
        .help("Browser slots of this server (0 with browser = false)")
        .callback(cb -> cb.call(browser == null ? 0 : browser.slotCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("drover_browser_slots_busy")
        .help("Browser slots running an attempt now")
        .callback(cb -> cb.call(browser == null ? 0 : browser.busySlots()))
        .register(registry);
  }

  void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
