package io.drover.core.engine;

import io.drover.core.Clock;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.store.ClaimedAttempt;
import io.drover.core.store.RunRecord;
import io.drover.sdk.Execution;
import java.time.Duration;

/** Makes the {@link AttemptContext} of a claimed attempt: who it is, its deadline, its options. */
final class AttemptContexts {
  private final Clock clock;
  private final EngineSettings settings;
  private final ProjectRegistry projects;
  private final JobRunOptions options;

  AttemptContexts(EngineParts parts, JobRunOptions options) {
    this.clock = parts.clock();
    this.settings = parts.settings();
    this.projects = parts.projects();
    this.options = options;
  }

  AttemptContext of(ClaimedAttempt attempt) {
    RunRecord run = attempt.run();
    AttemptOptions attemptOptions = options.of(run).attempt();
    SessionUse session = attemptOptions.session();
    Execution execution =
        new Execution(
            run.project(),
            run.jobId(),
            run.jobRunId(),
            run.id(),
            run.apiName(),
            attempt.attempt(),
            session == null ? null : session.id());
    return new AttemptContext(
        execution,
        Duration.ofSeconds(run.requestTimeout()),
        clock,
        apiName -> projects.api(run.project(), apiName).isPresent(),
        settings.maxLogLinesPerAttempt(),
        attemptOptions);
  }
}
