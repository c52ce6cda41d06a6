package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.examples.shop.DemoShop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AuthSessions in real Chromium through the REST API, against the demo shop's expiring server-side
 * sessions: logins counted by the shop, results read from its account page, secrets looked for in
 * every answer, log line and file the server wrote.
 */
@Tag("slow")
class AuthSessionsTest {
  private static final String P = "/api/v1/projects/demo";
  private static final String SESSIONS = P + "/auth-sessions";
  private static final DemoShop SHOP = DemoShop.shared();

  @TempDir Path dataDir;
  TestServer server;
  private final List<String> answers = new ArrayList<>();
  private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
  private PrintStream stderr;

  @BeforeEach
  void start() {
    stderr = System.err;
    System.setErr(new PrintStream(new TeeStream(stderr, serverLog), true));
    server =
        new TestServer(
            dataDir,
            ServerSettings.defaults().withEngine(ServerSettings.defaults().engine().withSlots(8)));
  }

  @AfterEach
  void stop() {
    server.close();
    System.setErr(stderr);
    assertThat(BrowserProcessesSeen.all()).as("processes left after the server stopped").isEmpty();
  }

  private TestServer.Response call(String method, String path, String body) {
    TestServer.Response response = server.send(method, path, body);
    answers.add(response.body());
    return response;
  }

  private JsonNode session(String id) {
    TestServer.Response response = call("GET", SESSIONS + "/" + id, null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private JsonNode awaitStatus(String id, String... statuses) {
    return TestServer.await(
        () -> session(id),
        s -> List.of(statuses).contains(s.get("status").asText()),
        "AuthSession " + id + " in " + List.of(statuses));
  }

  private static String credentials(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  private static String accountJob(String id, String session, int items, int concurrency) {
    return accountJob(id, session, items, concurrency, 0);
  }

  /** {@code items} account items, the first of which adds {@code more} (0: none). */
  private static String accountJob(
      String id, String session, int items, int concurrency, int more) {
    StringBuilder payload = new StringBuilder();
    for (int i = 0; i < items; i++) {
      payload
          .append(i == 0 ? "" : ",")
          .append("{\"apiName\":\"account\"")
          .append(i == 0 && more > 0 ? ",\"parameters\":{\"more\":" + more + "}" : "")
          .append('}');
    }
    return "{\"id\":\""
        + id
        + "\",\"configuration\":{\"maximumConcurrentRequests\":"
        + concurrency
        + ",\"maximumAttempts\":3,\"requestTimeout\":60},\"authSession\":{\"id\":\""
        + session
        + "\"},\"payload\":["
        + payload
        + "]}";
  }

  private List<JsonNode> runs(String jobRunId) {
    List<JsonNode> runs = server.runs(jobRunId, "");
    for (JsonNode run : runs) {
      JsonNode full = server.run(run.get("id").asText());
      answers.add(full.toString());
      for (JsonNode attempt : full.get("attempts")) {
        TestServer.Response logs =
            call(
                "GET",
                P
                    + "/runs/"
                    + run.get("id").asText()
                    + "/attempts/"
                    + attempt.get("number").asInt()
                    + "/logs",
                null);
        assertThat(logs.status()).isEqualTo(200);
      }
    }
    return runs;
  }

  @Test
  void aCredentialsSessionServesAJobRunOf50AtConcurrency8AndIsRecreatedOnceWhenTheShopRevokesIt()
      throws Exception {
    String password = "pw-" + Long.toHexString(System.nanoTime()) + "-Secret";
    SHOP.addUser("ada", password);
    int loginsBefore = SHOP.logins();

    TestServer.Response created =
        call(
            "POST",
            SESSIONS,
            "{\"id\":\"shop\",\"type\":\"CREDENTIALS\",\"credentials\":"
                + credentials("ada", password)
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    assertThat(created.json().get("status").asText()).isEqualTo("PENDING");
    JsonNode ready = awaitStatus("shop", "READY", "FAILED");
    assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("READY");
    assertThat(ready.get("lastCreatedAt").isNull()).isFalse();
    assertThat(ready.get("lastLoginLog").toString()).contains("logged in as ********");
    assertThat(SHOP.logins() - loginsBefore).isEqualTo(1);
    Set<String> cookies = new HashSet<>(SHOP.activeSessionIds());

    // 40 items, and one that adds 10 more: extended items use the JobRun's session too.
    String job = accountJob("accounts", "shop", 40, 8, 10);
    assertThat(call("POST", P + "/jobs", job).status()).isEqualTo(201);
    String jobRunId = server.trigger("accounts");
    server.awaitJobRun(jobRunId, r -> r.get("counts").get("completed").asInt() >= 10);
    TestServer.Response refused = call("DELETE", SESSIONS + "/shop", null);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("error").get("message").asText())
        .contains("is used by JobRun " + jobRunId);
    cookies.addAll(SHOP.activeSessionIds());
    assertThat(SHOP.revokeSessions()).isPositive();

    JsonNode ended = server.awaitEnded(jobRunId);
    assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("COMPLETED");
    List<JsonNode> runs = runs(jobRunId);
    assertThat(runs).hasSize(50);
    for (JsonNode run : runs) {
      assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
      JsonNode result = run.get("result");
      assertThat(result.get("user").asText()).isEqualTo("ada");
      assertThat(result.get("authSessionId").asText()).isEqualTo("shop");
    }
    // One re-creation for the 8 slots that found the session revoked, not one each.
    assertThat(SHOP.logins() - loginsBefore).isEqualTo(2);
    cookies.addAll(SHOP.activeSessionIds());
    assertThat(session("shop").get("status").asText()).isEqualTo("READY");

    assertNoSecretAnywhere(List.of(password), cookies);
    assertThat(call("DELETE", SESSIONS + "/shop", null).status()).isEqualTo(204);
    assertThat(call("GET", SESSIONS + "/shop", null).status()).isEqualTo(404);
  }

  @Test
  void wrongCredentialsFailTheSessionAfterThreeLoginsAndItsRunsWithAuthInvalidWithoutMore()
      throws Exception {
    int failedBefore = SHOP.failedLogins();
    call(
        "POST",
        SESSIONS,
        "{\"id\":\"wrong\",\"type\":\"CREDENTIALS\",\"credentials\":"
            + credentials("grace", "not-the-password")
            + "}");
    JsonNode failed = awaitStatus("wrong", "READY", "FAILED");
    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.get("lastError").asText())
        .contains("auth-sessions/create failed 3 times")
        .contains("login refused by the demo shop: Wrong user or password")
        .doesNotContain("not-the-password");
    assertThat(SHOP.failedLogins() - failedBefore).isEqualTo(3);

    call("POST", P + "/jobs", accountJob("wrong-accounts", "wrong", 4, 2));
    JsonNode ended = server.awaitEnded(server.trigger("wrong-accounts"));
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");
    for (JsonNode run : runs(ended.get("id").asText())) {
      assertThat(run.get("status").asText()).isEqualTo("FAILED");
      assertThat(server.run(run.get("id").asText()).get("error").asText())
          .startsWith("auth_invalid: AuthSession 'wrong' of project demo: it is FAILED")
          .contains("PUT /api/v1/projects/demo/auth-sessions/wrong/credentials");
    }
    assertThat(SHOP.failedLogins() - failedBefore)
        .as("no login after the session FAILED")
        .isEqualTo(3);
    assertNoSecretAnywhere(List.of("not-the-password"), Set.of(), false);
  }

  @Test
  void
      aRecorderSessionUploadedFromAStorageStateServesJobRunsAndStandaloneRunsAndOnceRevokedMustBeReplaced()
          throws Exception {
    String cookie = SHOP.logIn(DemoShop.USER, DemoShop.PASSWORD).orElseThrow();
    String state =
        "{\"cookies\":[{\"name\":\"session\",\"value\":\""
            + cookie
            + "\",\"domain\":\"127.0.0.1\",\"path\":\"/\",\"expires\":-1,\"httpOnly\":true,"
            + "\"secure\":false,\"sameSite\":\"Lax\"}],\"origins\":[]}";
    TestServer.Response uploaded = call("PUT", SESSIONS + "/recorded/storage-state", state);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
    assertThat(uploaded.json().get("type").asText()).isEqualTo("RECORDER");
    assertThat(awaitStatus("recorded", "READY", "FAILED").get("status").asText())
        .isEqualTo("READY");

    call("POST", P + "/jobs", accountJob("recorded-accounts", "recorded", 6, 3));
    JsonNode first = server.awaitEnded(server.trigger("recorded-accounts"));
    for (JsonNode run : runs(first.get("id").asText())) {
      assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
      assertThat(run.get("result").get("user").asText()).isEqualTo(DemoShop.USER);
    }

    TestServer.Response standalone =
        call(
            "POST", P + "/runs", "{\"apiName\":\"account\",\"authSession\":{\"id\":\"recorded\"}}");
    assertThat(standalone.status()).as(standalone.body()).isEqualTo(201);
    JsonNode alone =
        server.awaitRun(
            standalone.json().get("runId").asText(),
            r -> !r.get("status").asText().matches("PENDING|RUNNING"));
    assertThat(alone.get("status").asText()).as(alone.toString()).isEqualTo("COMPLETED");
    assertThat(alone.get("result").get("authSessionId").asText()).isEqualTo("recorded");
    assertThat(alone.get("result").get("user").asText()).isEqualTo(DemoShop.USER);

    int loginsBefore = SHOP.logins();
    SHOP.revokeSessions();
    JsonNode second = server.awaitEnded(server.trigger("recorded-accounts"));
    for (JsonNode run : runs(second.get("id").asText())) {
      assertThat(run.get("status").asText()).isEqualTo("FAILED");
      assertThat(server.run(run.get("id").asText()).get("error").asText())
          .startsWith("auth_invalid: AuthSession 'recorded'")
          .contains("must be replaced");
    }
    assertThat(session("recorded").get("status").asText()).isEqualTo("EXPIRED");
    assertThat(SHOP.logins()).as("a RECORDER session never logs in").isEqualTo(loginsBefore);

    TestServer.Response validated = call("POST", SESSIONS + "/recorded/validate", null);
    assertThat(validated.status()).isEqualTo(200);
    assertThat(validated.json().get("status").asText()).isEqualTo("EXPIRED");
    assertNoSecretAnywhere(List.of(), Set.of(cookie));
  }

  @Test
  void badRequestsNameTheFieldAndNeverEchoTheSecret() {
    TestServer.Response missing =
        call("POST", P + "/jobs", accountJob("nobody", "no-such-session", 1, 1));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").get("path").asText()).isEqualTo("$.authSession.id");
    assertThat(missing.json().get("error").get("message").asText())
        .contains("project demo has no AuthSession 'no-such-session'");

    TestServer.Response noCredentials =
        call(
            "POST",
            SESSIONS,
            "{\"id\":\"x\",\"type\":\"CREDENTIALS\",\"credentials\":\"hunter22\"}");
    assertThat(noCredentials.status()).isEqualTo(400);
    assertThat(noCredentials.json().get("error").get("path").asText()).isEqualTo("$.credentials");
    assertThat(noCredentials.body()).doesNotContain("hunter22");

    TestServer.Response badState =
        call(
            "PUT",
            SESSIONS + "/x/storage-state",
            "{\"cookies\":[{\"name\":\"a\",\"value\":\"s3cr3t-v\"}]}");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.body()).contains("$.cookies[0].domain").doesNotContain("s3cr3t-v");

    TestServer.Response recorderPost =
        call(
            "POST", SESSIONS, "{\"id\":\"x\",\"type\":\"RECORDER\",\"credentials\":{\"a\":\"b\"}}");
    assertThat(recorderPost.status()).isEqualTo(400);
    assertThat(recorderPost.json().get("error").get("message").asText()).contains("storage-state");
    assertThat(call("GET", SESSIONS + "/x", null).status()).isEqualTo(404);
    assertThat(call("POST", SESSIONS + "/x/validate", null).status()).isEqualTo(404);
  }

  private void assertNoSecretAnywhere(List<String> passwords, Set<String> cookies)
      throws IOException {
    assertNoSecretAnywhere(passwords, cookies, true);
  }

  private void assertNoSecretAnywhere(
      List<String> passwords, Set<String> cookies, boolean tracesKept) throws IOException {
    List<String> secrets = new ArrayList<>(passwords);
    secrets.addAll(cookies);
    assertThat(secrets).isNotEmpty();
    String log = serverLog.toString(StandardCharsets.UTF_8);
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        texts.add(file + "\n" + new String(bytes, StandardCharsets.ISO_8859_1));
        if (file.toString().endsWith(".zip")) {
          texts.add(file + " (unzipped)\n" + unzipped(bytes));
        }
      }
    }
    if (tracesKept) {
      assertThat(
              texts.stream()
                  .filter(t -> t.startsWith(dataDir.toString()) && t.contains("trace.network")))
          .as("traces were kept, so their scan means something")
          .isNotEmpty();
    }
    for (String secret : secrets) {
      assertThat(answers).as("API answers").noneMatch(a -> a.contains(secret));
      assertThat(log).as("server log").doesNotContain(secret);
      for (String text : texts) {
        int at = text.indexOf(secret);
        assertThat(at)
            .as(
                () ->
                    (passwords.contains(secret) ? "the password" : "a session cookie")
                        + " in "
                        + text.lines().findFirst().orElse("")
                        + ": ..."
                        + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 60)))
            .isNegative();
      }
    }
  }

  private static String unzipped(byte[] zip) throws IOException {
    StringBuilder text = new StringBuilder();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    return text.toString();
  }

  /** Writes to both streams: the console keeps the server's log, and the test reads it. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final ByteArrayOutputStream second;

    TeeStream(java.io.OutputStream first, ByteArrayOutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      synchronized (second) {
        second.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      synchronized (second) {
        second.write(b, off, len);
      }
    }
  }
}
