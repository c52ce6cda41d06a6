package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import io.drover.core.SettableClock;
import io.drover.core.auth.AuthInvalidException;
import io.drover.core.auth.AuthSession;
import io.drover.core.project.ProjectRegistry;
import io.drover.core.secret.SecretBox;
import io.drover.core.state.AuthSessionStatus;
import io.drover.core.store.sqlite.SqliteStore;
import io.drover.sdk.Api;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.Project;
import io.drover.sdk.RunLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AuthSession rules without a browser: logins are a counted stand-in (the browser side is
 * tested in real Chromium through the server), the store a real SQLite file.
 */
class AuthSessionsTest {
  private static final String PASSWORD = "pa55-W0rd-for-the-test";
  private static final String COOKIE = "cookie-value-7f3a9c";

  @TempDir Path dataDir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
  SqliteStore store;
  AuthSessions sessions;
  final AtomicInteger logins = new AtomicInteger();
  final List<String> attemptLog = new ArrayList<>();

  private static final Project PROJECT =
      new Project() {
        @Override
        public String name() {
          return "shop";
        }

        @Override
        public List<Api<?>> apis() {
          return List.of();
        }

        @Override
        public Optional<AuthCreate> authCreate() {
          return Optional.of((page, credentials, log) -> {});
        }

        @Override
        public Optional<AuthCheck> authCheck() {
          return Optional.of((Page page, RunLog log) -> true);
        }
      };

  @BeforeEach
  void open() {
    store = SqliteStore.open(dataDir);
    sessions =
        new AuthSessions(
            store, SecretBox.of(new byte[32]), clock, new ProjectRegistry().register(PROJECT));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String state(String cookie) {
    return "{\"cookies\":[{\"name\":\"session\",\"value\":\""
        + cookie
        + "\",\"domain\":\"127.0.0.1\",\"path\":\"/\"}],\"origins\":[]}";
  }

  private SessionLeases.Login loginGiving(String cookie) {
    return (credentials, log) -> {
      logins.incrementAndGet();
      log.info("typing " + credentials.get("password") + " for " + credentials.get("username"));
      return state(cookie);
    };
  }

  private RunLog attemptLog() {
    return (level, message) -> {
      synchronized (attemptLog) {
        attemptLog.add(message);
      }
    };
  }

  private SessionLeases.Lease ready(String id) throws InterruptedException {
    sessions.create(
        "shop", id, new JsonParameters(Map.of("username", "ada", "password", PASSWORD)));
    return sessions
        .leases()
        .renew(sessions.leases().lease("shop", id), 3, loginGiving(COOKIE), attemptLog(), () -> {});
  }

  @Test
  void eightAttemptsFindingTheSessionExpiredAtOnceLogInOnceAndAllUseItsState() throws Exception {
    SessionLeases.Lease first = ready("s");
    assertThat(first.state()).contains(COOKIE);
    logins.set(0);
    Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    CountDownLatch othersWaiting = new CountDownLatch(7);
    SessionLeases.Login slowLogin =
        (credentials, log) -> {
          logins.incrementAndGet();
          // Hold the lock until the 7 others are seen waiting for it.
          assertThat(othersWaiting.await(30, TimeUnit.SECONDS)).isTrue();
          return state("second-cookie");
        };
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<SessionLeases.Lease>> renewed = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        renewed.add(
            threads.submit(
                () ->
                    sessions
                        .leases()
                        .renew(
                            first,
                            3,
                            slowLogin,
                            attemptLog(),
                            () -> {
                              if (logins.get() == 1 && waiting.add(Thread.currentThread())) {
                                othersWaiting.countDown();
                              }
                            })));
      }
      for (Future<SessionLeases.Lease> lease : renewed) {
        SessionLeases.Lease got = lease.get(60, TimeUnit.SECONDS);
        assertThat(got.generation()).isEqualTo(first.generation() + 1);
        assertThat(got.state()).contains("second-cookie");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(logins).hasValue(1);
    assertThat(attemptLog).filteredOn(l -> l.contains("re-created meanwhile")).hasSize(7);
    assertThat(sessions.find("shop", "s").orElseThrow().status())
        .isEqualTo(AuthSessionStatus.READY);
  }

  @Test
  void aLoginThatNeverSucceedsFailsTheSessionAfterCreateAttemptsAndNoAttemptLogsInAgain()
      throws Exception {
    sessions.create("shop", "w", new JsonParameters(Map.of("password", PASSWORD)));
    SessionLeases.Login refused =
        (credentials, log) -> {
          logins.incrementAndGet();
          throw new IllegalStateException("login refused: wrong password " + PASSWORD);
        };
    SessionLeases.Lease lease = sessions.leases().lease("shop", "w");
    assertThatThrownBy(() -> sessions.leases().renew(lease, 3, refused, attemptLog(), () -> {}))
        .isInstanceOf(AuthInvalidException.class)
        .hasMessageContaining("AuthSession 'w' of project shop: it is FAILED")
        .hasMessageContaining("auth-sessions/create failed 3 times")
        .hasMessageNotContaining(PASSWORD);
    assertThat(logins).hasValue(3);
    AuthSession failed = sessions.find("shop", "w").orElseThrow();
    assertThat(failed.status()).isEqualTo(AuthSessionStatus.FAILED);
    assertThat(failed.lastError()).contains("wrong password ********");

    assertThatThrownBy(() -> sessions.leases().lease("shop", "w"))
        .isInstanceOf(AuthInvalidException.class)
        .hasMessageContaining("PUT /api/v1/projects/shop/auth-sessions/w/credentials");
    assertThatThrownBy(() -> sessions.leases().renew(lease, 3, refused, attemptLog(), () -> {}))
        .isInstanceOf(AuthInvalidException.class);
    assertThat(logins).as("no login once FAILED").hasValue(3);

    sessions.replaceCredentials("shop", "w", new JsonParameters(Map.of("password", "new-one")));
    assertThat(sessions.find("shop", "w").orElseThrow().status())
        .isEqualTo(AuthSessionStatus.PENDING);
    SessionLeases.Lease again =
        sessions
            .leases()
            .renew(
                sessions.leases().lease("shop", "w"),
                3,
                loginGiving(COOKIE),
                attemptLog(),
                () -> {});
    assertThat(again.state()).contains(COOKIE);
    assertThat(sessions.find("shop", "w").orElseThrow().status())
        .isEqualTo(AuthSessionStatus.READY);
  }

  @Test
  void aRecorderSessionIsNeverLoggedInItExpiresAndMustBeReplaced() throws Exception {
    sessions.upload("shop", "rec", state(COOKIE));
    SessionLeases.Lease uploaded = sessions.leases().lease("shop", "rec");
    sessions.leases().valid(uploaded);
    assertThat(sessions.find("shop", "rec").orElseThrow().status())
        .isEqualTo(AuthSessionStatus.READY);

    assertThatThrownBy(
            () -> sessions.leases().renew(uploaded, 3, loginGiving("x"), attemptLog(), () -> {}))
        .isInstanceOf(AuthInvalidException.class)
        .hasMessageContaining("it must be replaced")
        .hasMessageContaining("/auth-sessions/rec/storage-state");
    assertThat(logins).hasValue(0);
    assertThat(sessions.find("shop", "rec").orElseThrow().status())
        .isEqualTo(AuthSessionStatus.EXPIRED);
    assertThatThrownBy(() -> sessions.leases().lease("shop", "rec"))
        .isInstanceOf(AuthInvalidException.class)
        .hasMessageContaining("must be replaced");

    sessions.upload("shop", "rec", state("fresh-cookie"));
    SessionLeases.Lease replaced = sessions.leases().lease("shop", "rec");
    assertThat(replaced.generation()).isGreaterThan(uploaded.generation());
    assertThat(replaced.state()).contains("fresh-cookie");
    assertThat(replaced.scrubber().scrub("a fresh-cookie b")).isEqualTo("a ******** b");
  }

  @Test
  void aLoginsLogKeepsNoCredentialAndNoSecretReachesTheDatabaseFile() throws Exception {
    ready("logged");
    assertThat(attemptLog).anyMatch(l -> l.equals("typing ******** for ********"));
    assertThat(attemptLog).noneMatch(l -> l.contains(PASSWORD));
    String kept = sessions.lastLog("shop", "logged").orElseThrow().toString();
    assertThat(kept).contains("typing ******** for ********").doesNotContain(PASSWORD);
    store.close();
    StringBuilder bytes = new StringBuilder();
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.toList()) {
        bytes.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(bytes.toString())
        .contains("logged")
        .doesNotContain(PASSWORD)
        .doesNotContain(COOKIE)
        .doesNotContain("ada");
    store = SqliteStore.open(dataDir);
    sessions =
        new AuthSessions(
            store, SecretBox.of(new byte[32]), clock, new ProjectRegistry().register(PROJECT));
    // Drover's own lines are not blanked: the id holds the user name "ada" and stays readable.
    ready("ada-login");
    assertThat(sessions.lastLog("shop", "ada-login").orElseThrow().toString())
        .contains("auth-sessions/create of 'ada-login': try 1 of 3");
  }

  @Test
  void aJobMayNameOnlyASessionItsProjectHas() throws Exception {
    assertThat(sessions.refusal("shop", "nope"))
        .get()
        .asString()
        .contains("has no AuthSession 'nope'");
    ready("there");
    assertThat(sessions.refusal("shop", "there")).isEmpty();
    assertThat(sessions.refusal("other", "there"))
        .get()
        .asString()
        .contains("it has no auth-sessions/check");
  }
}
