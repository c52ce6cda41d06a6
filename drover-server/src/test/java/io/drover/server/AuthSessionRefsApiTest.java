package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the REST API: a Job or a standalone Run naming an AuthSession is a 400 at the id's path
 * saying Runs cannot use AuthSessions yet — never accepted and run logged-out.
 */
class AuthSessionRefsApiTest {
  private static final String P = "/api/v1/projects/demo";

  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aJobNamingAnAuthSessionIsA400AtItsIdAndIsNotSaved() {
    for (String field : new String[] {"authSession", "auth_session"}) {
      String document =
          "{\"id\":\"account\",\"payload\":[{\"apiName\":\"echo\"}],\""
              + field
              + "\":{\"id\":\"shop-login\"}}";
      for (String path : new String[] {P + "/jobs", P + "/jobs?dryRun=true"}) {
        TestServer.Response response = server.post(path, document);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode error = response.json().get("error");
        assertThat(error.get("path").asText()).isEqualTo("$." + field + ".id");
        assertThat(error.get("message").asText())
            .contains("\"shop-login\"")
            .contains("project demo has no AuthSession 'shop-login'");
      }
    }
    assertThat(server.get(P + "/jobs/account").status()).isEqualTo(404);
  }

  @Test
  void aStandaloneRunNamingAnAuthSessionIsA400AtItsId() {
    TestServer.Response named =
        server.post(P + "/runs", "{\"apiName\":\"echo\",\"authSession\":{\"id\":\"shop-login\"}}");
    assertThat(named.status()).as(named.body()).isEqualTo(400);
    JsonNode error = named.json().get("error");
    assertThat(error.get("path").asText()).isEqualTo("$.authSession.id");
    assertThat(error.get("message").asText()).contains("has no AuthSession 'shop-login'");

    TestServer.Response malformed =
        server.post(P + "/runs", "{\"apiName\":\"echo\",\"authSession\":\"shop-login\"}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("error").get("path").asText()).isEqualTo("$.authSession");
  }
}
