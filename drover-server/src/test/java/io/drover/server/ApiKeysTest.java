package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the route table asks for the right key: none is 401, a key of another project is
 * 403, the right key gets through. Walks the table itself, so routes added later are covered.
 */
class ApiKeysTest {
  @TempDir Path dataDir;

  @Test
  void everyRouteRefusesAMissingOrWrongKeyAndLetsTheRightKeyIn() {
    try (TestServer server =
        new TestServer(dataDir, ServerSettings.defaults(), RouteWalk.twoProjects())) {
      RouteWalk walk = RouteWalk.prepare(server);
      String demoKey = server.newKey(RouteWalk.PROJECT);
      String otherKey = server.newKey(RouteWalk.OTHER);
      List<RouteWalk.Call> calls = walk.calls(server.server.routes());
      assertThat(calls).hasSizeGreaterThan(20);
      List<String> wrong = new ArrayList<>();

      for (RouteWalk.Call call : calls) {
        RouteAccess access = call.route().access();
        String method = call.route().method();
        TestServer.Response none = server.sendAs(null, method, call.path(), call.body());
        TestServer.Response bogus =
            server.sendAs("drv_not-a-key", method, call.path(), call.body());
        if (access == RouteAccess.PUBLIC) {
          expect(wrong, call, "no key", none, 200);
          continue;
        }
        expectError(wrong, call, "no key", none, 401, "unauthorized");
        expectError(wrong, call, "an unknown key", bogus, 401, "unauthorized");
        if (access == RouteAccess.PROJECT) {
          expectError(
              wrong,
              call,
              "a key of project other",
              server.sendAs(otherKey, method, call.path(), call.body()),
              403,
              "forbidden");
          expectError(
              wrong,
              call,
              "a demo key in project other's path",
              server.sendAs(demoKey, method, RouteWalk.inProject(call, "other"), call.body()),
              403,
              "forbidden");
        }
        if (access == RouteAccess.ADMIN) {
          expectError(
              wrong,
              call,
              "a project key",
              server.sendAs(demoKey, method, call.path(), call.body()),
              403,
              "forbidden");
        }
      }
      for (RouteWalk.Call call : calls) {
        String key = call.route().access() == RouteAccess.ADMIN ? server.adminKey : demoKey;
        TestServer.Response right =
            server.sendAs(key, call.route().method(), call.path(), call.body());
        if (right.status() == 401 || right.status() == 403) {
          wrong.add(call + " with the right key: " + right.status() + " " + right.body());
        }
      }

      assertThat(wrong).isEmpty();
    }
  }

  private static void expect(
      List<String> wrong, RouteWalk.Call call, String as, TestServer.Response r, int status) {
    if (r.status() != status) {
      wrong.add(call + " with " + as + ": " + r.status() + " (expected " + status + ")");
    }
  }

  private static void expectError(
      List<String> wrong,
      RouteWalk.Call call,
      String as,
      TestServer.Response r,
      int status,
      String code) {
    expect(wrong, call, as, r, status);
    if (r.status() == status) {
      JsonNode error = r.json().path("error");
      if (!error.path("code").asText().equals(code) || !error.path("message").isTextual()) {
        wrong.add(call + " with " + as + ": not the error shape: " + r.body());
      }
    }
  }

  @Test
  void aProjectKeySeesOnlyItsProjectAndCannotManageKeys() {
    try (TestServer server =
        new TestServer(dataDir, ServerSettings.defaults(), RouteWalk.twoProjects())) {
      String otherKey = server.newKey(RouteWalk.OTHER);

      JsonNode projects = server.sendAs(otherKey, "GET", "/api/v1/projects", null).json();
      TestServer.Response keys =
          server.sendAs(otherKey, "POST", "/api/v1/keys", "{\"admin\":true}");

      assertThat(projects.get("items"))
          .extracting(p -> p.get("name").asText())
          .containsExactly("other");
      assertThat(keys.status()).isEqualTo(403);
      assertThat(server.get("/api/v1/projects").json().get("items")).hasSize(2);
    }
  }

  @Test
  void aRefusedRequestSaysHowToAuthenticate() throws Exception {
    try (TestServer server = new TestServer(dataDir)) {
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(server.server.baseUrl() + "/api/v1/projects"))
              .build();
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(response.body()).contains("Authorization: Bearer");
    }
  }

  @Test
  void aKeyIsShownOnceAndDeletedKeysStopWorking() {
    try (TestServer server = new TestServer(dataDir)) {
      TestServer.Response made =
          server.post("/api/v1/keys", "{\"project\":\"demo\",\"name\":\"ci\"}");
      String key = made.json().get("key").asText();
      String id = made.json().get("id").asText();

      JsonNode listed = server.get("/api/v1/keys").json().get("items");
      assertThat(made.status()).isEqualTo(201);
      assertThat(key).startsWith("drv_").hasSizeGreaterThanOrEqualTo(4 + 43);
      assertThat(listed.toString()).doesNotContain(key);
      assertThat(listed).extracting(k -> k.get("id").asText()).contains(id);
      assertThat(server.sendAs(key, "GET", "/api/v1/projects/demo/jobs", null).status())
          .isEqualTo(200);

      assertThat(server.delete("/api/v1/keys/" + id).status()).isEqualTo(204);

      assertThat(server.sendAs(key, "GET", "/api/v1/projects/demo/jobs", null).status())
          .isEqualTo(401);
    }
  }

  @Test
  void theLastAdminKeyCannotBeDeletedAndKeysNeedAKnownProject() {
    try (TestServer server = new TestServer(dataDir)) {
      String adminId = server.get("/api/v1/keys").json().get("items").get(0).get("id").asText();

      TestServer.Response last = server.delete("/api/v1/keys/" + adminId);
      TestServer.Response unknown = server.post("/api/v1/keys", "{\"project\":\"nope\"}");

      assertThat(last.status()).isEqualTo(409);
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().get("error").get("path").asText()).isEqualTo("$.project");
      assertThat(unknown.body()).contains("nope").contains("demo");
    }
  }

  @Test
  void keysAreStoredOnlyAsHashesAndTheAdminKeyFileIsPrivate() throws IOException {
    List<String> keys = new ArrayList<>();
    try (TestServer server = new TestServer(dataDir)) {
      keys.add(server.adminKey);
      for (int i = 0; i < 3; i++) {
        keys.add(server.newKey(i == 0 ? null : "demo"));
      }
      // keys in use and listed, the database (WAL included) still open
      assertThat(server.get("/api/v1/keys").json().get("items")).hasSize(4);
      assertNoKeyInDataDirectory(keys, dataDir.resolve(ApiKeys.ADMIN_KEY_FILE));
    }
    assertNoKeyInDataDirectory(keys, dataDir.resolve(ApiKeys.ADMIN_KEY_FILE));
    Set<PosixFilePermission> mode =
        Files.getPosixFilePermissions(dataDir.resolve(ApiKeys.ADMIN_KEY_FILE));
    assertThat(mode)
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(dataDir.resolve(ApiKeys.ADMIN_KEY_FILE)).trim())
        .isEqualTo(keys.get(0));
  }

  /** Every file's bytes but the admin key file's (which holds the admin key, by design). */
  private static void assertNoKeyInDataDirectory(List<String> keys, Path adminKeyFile)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(adminKeyFile.getParent())) {
      files = walk.filter(Files::isRegularFile).filter(f -> !f.equals(adminKeyFile)).toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("drover.db");
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String key : keys) {
        assertThat(bytes).as(file + " holds a key").doesNotContain(key);
        // nor the random part alone
        assertThat(bytes).as(file + " holds a key").doesNotContain(key.substring(4));
      }
    }
  }

  @Test
  void aSecondStartKeepsTheAdminKey() {
    String first;
    try (TestServer server = new TestServer(dataDir)) {
      first = server.adminKey;
    }
    try (TestServer server = new TestServer(dataDir)) {
      assertThat(server.adminKey).isEqualTo(first);
      assertThat(server.get("/api/v1/keys").json().get("items")).hasSize(1);
    }
  }

  @Test
  void authNoneIsRefusedUnlessTheServerListensOnLoopback() {
    ServerSettings open =
        ServerSettings.defaults()
            .withHost("0.0.0.0")
            .withPort(0)
            .withDataDir(dataDir)
            .withAccess(AccessSettings.defaults().withKeysRequired(false));

    assertThatThrownBy(() -> DroverServer.start(open))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auth = none is refused")
        .hasMessageContaining("0.0.0.0")
        .hasMessageContaining("127.0.0.1");
    assertThat(dataDir.resolve("drover.db")).doesNotExist();
  }

  @Test
  void withAuthNoneOnLoopbackNoKeyIsAskedOrMade() {
    ServerSettings local =
        ServerSettings.defaults().withAccess(AccessSettings.defaults().withKeysRequired(false));
    try (TestServer server = new TestServer(dataDir, local)) {
      assertThat(server.adminKey).isNull();
      assertThat(server.get("/api/v1/projects/demo/jobs").status()).isEqualTo(200);
    }
  }
}
