package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.drover.core.SettableClock;
import io.drover.core.artifact.FileArtifactStore;
import io.drover.core.job.AuthSessionRef;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.state.Trigger;
import io.drover.core.store.NewRun;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunContext;
import io.drover.sdk.RunLog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Job's {@code authSession} (and a standalone Run's) reaches every attempt as written: which
 * session, its checkAttempts and createAttempts, that it may be re-created, and the execution's
 * authSessionId — for the items extendPayload adds too. The browser side that uses them is tested
 * in real Chromium through the server; here the executor only records what it was given.
 */
class SessionOptionsTest {
  @TempDir Path dataDir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
  final Map<String, AttemptContext> seen = new ConcurrentHashMap<>();
  SqliteStore store;
  SteppedEngine stepped;

  static final class Account implements Api<JsonParameters> {
    @Override
    public String name() {
      return "account";
    }

    @Override
    public Class<JsonParameters> parametersType() {
      return JsonParameters.class;
    }

    @Override
    public Object run(JsonParameters parameters, RunContext context) {
      if (!context.execution().standalone() && !parameters.containsKey("added")) {
        context.extendPayload(io.drover.sdk.PayloadItem.of("account", Map.of("added", true)));
      }
      return null;
    }
  }

  @BeforeEach
  void start() {
    store = SqliteStore.open(dataDir);
    Project project =
        new Project() {
          @Override
          public String name() {
            return "shop";
          }

          @Override
          public List<Api<?>> apis() {
            return List.of(new Account());
          }

          @Override
          public Optional<AuthCreate> authCreate() {
            return Optional.of((Page page, JsonParameters credentials, RunLog log) -> {});
          }

          @Override
          public Optional<AuthCheck> authCheck() {
            return Optional.of((page, log) -> true);
          }
        };
    AttemptExecutor recording =
        (api, parameters, context) -> {
          seen.put(context.execution().runId(), context);
          return api.run(parameters, context);
        };
    stepped =
        new SteppedEngine(
            Engine.builder()
                .store(store)
                .projects(new ProjectRegistry().register(project))
                .artifacts(new FileArtifactStore(dataDir.resolve("artifacts")))
                .executor(recording),
            clock);
    stepped.engine.authSessions().create("shop", "login", new JsonParameters(Map.of("a", "b")));
  }

  @AfterEach
  void stop() {
    stepped.close();
    store.close();
  }

  private void runAll() {
    while (stepped.claimOnce() > 0) {
      stepped.awaitIdle();
    }
  }

  @Test
  void aJobsAuthSessionWithItsAttemptsReachesEveryAttemptOfItsJobRunIncludingAddedItems() {
    String document =
        "{\"id\": \"accounts\", \"authSession\": {\"id\": \"login\", \"checkAttempts\": 2,"
            + " \"createAttempts\": 5}, \"payload\": [{\"apiName\": \"account\"}]}";
    stepped
        .engine
        .jobs()
        .create("shop", new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    String jobRunId = stepped.engine.jobs().trigger("shop", "accounts", Trigger.MANUAL).id();

    runAll();

    assertThat(seen).containsOnlyKeys(jobRunId + "-1", jobRunId + "-2");
    for (AttemptContext attempt : seen.values()) {
      SessionUse session = attempt.options().session();
      assertThat(session.ref()).isEqualTo(new AuthSessionRef("login", 2, 5));
      assertThat(session.project()).isEqualTo("shop");
      assertThat(session.mayRecreate()).isTrue();
      assertThat(attempt.options().secret()).isFalse();
      assertThat(attempt.execution().authSessionId()).isEqualTo("login");
    }
  }

  @Test
  void aStandaloneRunsAuthSessionReachesItsAttemptAndOneWithoutHasNone() {
    String with =
        stepped
            .engine
            .startRun(
                "shop", new NewRun("account", "{}", 1, 60), null, new AuthSessionRef("login", 4, 1))
            .id();
    String without = stepped.engine.startRun("shop", new NewRun("account", "{}", 1, 60)).id();

    runAll();

    assertThat(seen.get(with).options().session().ref())
        .isEqualTo(new AuthSessionRef("login", 4, 1));
    assertThat(seen.get(with).execution().authSessionId()).isEqualTo("login");
    assertThat(seen.get(without).options().session()).isNull();
    assertThat(seen.get(without).execution().authSessionId()).isNull();
  }
}
