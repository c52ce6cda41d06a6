package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi.json describes exactly the route table, and the answers of every route (and of the rest
 * of the suite, through {@link TestServer}) match it.
 */
class OpenApiTest {
  @TempDir Path dataDir;

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    try (TestServer server = new TestServer(dataDir)) {
      Set<String> registered = new TreeSet<>();
      server.server.routes().routes().forEach(route -> registered.add(route.toString()));

      Set<String> documented = ApiDescription.shared().routes();

      Set<String> undocumented = new TreeSet<>(registered);
      undocumented.removeAll(documented);
      Set<String> gone = new TreeSet<>(documented);
      gone.removeAll(registered);
      assertThat(undocumented).as("routes missing from openapi.json").isEmpty();
      assertThat(gone).as("routes in openapi.json the server does not have").isEmpty();
    }
  }

  @Test
  void everyRouteAnswersAsDescribed() {
    try (TestServer server =
        new TestServer(dataDir, ServerSettings.defaults(), RouteWalk.twoProjects())) {
      RouteWalk walk = RouteWalk.prepare(server);
      List<String> answered = new ArrayList<>();
      List<String> problems = new ArrayList<>();

      for (RouteWalk.Call call : walk.calls(server.server.routes())) {
        // TestServer fails on an answer openapi.json does not allow; these are the raw checks
        TestServer.Download answer =
            server.request(call.route().method(), call.path(), call.body());
        problems.addAll(
            ApiDescription.shared()
                .problems(
                    call.route().method(),
                    call.path(),
                    answer.status(),
                    answer.contentType(),
                    answer.body()));
        answered.add(call.route() + " " + answer.status());
        TestServer.Response refused = server.sendAs(null, call.route().method(), call.path(), null);
        if (call.route().access() != RouteAccess.PUBLIC) {
          assertThat(refused.status()).as(call + " without a key").isEqualTo(401);
        }
      }

      assertThat(problems).isEmpty();
      assertThat(answered).hasSameSizeAs(server.server.routes().routes());
    }
  }

  @Test
  void theDescriptionIsServedAndEveryResponseSchemaCompiles() {
    try (TestServer server = new TestServer(dataDir)) {
      JsonNode served = server.get("/api/v1/openapi.json").json();

      assertThat(served.get("openapi").asText()).isEqualTo("3.1.0");
      assertThat(served).isEqualTo(ApiDescription.shared().document());
      List<String> compiled = new ArrayList<>();
      served
          .get("paths")
          .fields()
          .forEachRemaining(
              path ->
                  path.getValue()
                      .fields()
                      .forEachRemaining(
                          op ->
                              op.getValue()
                                  .get("responses")
                                  .fields()
                                  .forEachRemaining(
                                      response -> {
                                        JsonNode r = response.getValue();
                                        if (r.has("$ref")) {
                                          r = served.at(r.get("$ref").asText().substring(1));
                                        }
                                        r.path("content")
                                            .forEach(
                                                media -> {
                                                  ApiDescription.shared()
                                                      .compile(media.get("schema"))
                                                      .validate(TestServer.JSON.createObjectNode());
                                                  compiled.add(path.getKey());
                                                });
                                      })));
      assertThat(compiled).hasSizeGreaterThan(50);
    }
  }

  @Test
  void aResponseThatDoesNotMatchItsSchemaIsCaught() {
    ApiDescription description = ApiDescription.shared();
    byte[] wrong = "{\"status\":\"ok\",\"slots\":\"four\",\"inFlight\":0}".getBytes();
    byte[] extra = "{\"status\":\"ok\",\"slots\":4,\"inFlight\":0,\"secret\":1}".getBytes();
    byte[] right = "{\"status\":\"ok\",\"slots\":4,\"inFlight\":0}".getBytes();

    assertThat(description.problems("GET", "/api/v1/health", 200, "application/json", wrong))
        .singleElement()
        .asString()
        .contains("slots");
    assertThat(description.problems("GET", "/api/v1/health", 200, "application/json", extra))
        .isNotEmpty();
    assertThat(description.problems("GET", "/api/v1/health", 418, "application/json", right))
        .singleElement()
        .asString()
        .contains("not documented");
    assertThat(description.problems("GET", "/api/v1/health", 200, "application/json", right))
        .isEmpty();
  }
}
