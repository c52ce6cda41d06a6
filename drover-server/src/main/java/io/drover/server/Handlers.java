package io.drover.server;

import io.drover.core.artifact.ArtifactStore;
import io.drover.core.engine.Engine;
import io.drover.core.engine.Jobs;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.store.Store;

/** The request handlers, grouped by what they act on. */
final class Handlers {
  record Parts(
      Store store,
      Engine engine,
      Jobs jobs,
      ProjectRegistry projects,
      ArtifactStore artifacts,
      ServerSettings settings,
      ApiKeys keys,
      Metrics metrics,
      Cursors cursors) {}

  final SystemHandlers system;
  final JobHandlers jobs;
  final JobRunHandlers jobRuns;
  final RunHandlers runs;
  final DeliveryHandlers deliveries;
  final ScheduleHandlers schedules;
  final KeyHandlers keys;
  final AuthSessionHandlers authSessions;
  final Authenticator auth;
  final Metrics metrics;
  final ClusterHandlers cluster;

  Handlers(Parts parts) {
    this.system = new SystemHandlers(parts);
    this.jobs = new JobHandlers(parts);
    this.jobRuns = new JobRunHandlers(parts);
    this.runs = new RunHandlers(parts);
    this.deliveries = new DeliveryHandlers(parts);
    this.schedules = new ScheduleHandlers(parts);
    this.keys = new KeyHandlers(parts);
    this.authSessions = new AuthSessionHandlers(parts);
    this.auth =
        new Authenticator(
            parts.keys(),
            parts.settings().access().keysRequired(),
            reason -> parts.metrics().authFailures.labelValues(reason).inc());
    this.metrics = parts.metrics();
    this.cluster = new ClusterHandlers(parts);
  }
}
