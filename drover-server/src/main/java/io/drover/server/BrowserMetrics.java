package io.drover.server;

import io.drover.core.browser.BrowserEvents;

/** Counts what the browser slots report. */
final class BrowserMetrics implements BrowserEvents {
  private final Metrics metrics;

  BrowserMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void launched(int slot) {
    metrics.browserLaunches.inc();
  }

  @Override
  public void crashed(int slot) {
    metrics.browserCrashes.inc();
    metrics.browserRestarts.labelValues("crash").inc();
  }

  @Override
  public void killed(int slot) {
    metrics.browserRestarts.labelValues("killed").inc();
  }

  @Override
  public void recycled(int slot) {
    metrics.browserRestarts.labelValues("recycle").inc();
  }

  @Override
  public void slotReplaced(int slot) {
    metrics.browserRestarts.labelValues("slot").inc();
  }
}
