package io.drover.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo shop's sessions, login counts and admin endpoints over plain HTTP. */
class DemoShopSessionsTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoShop shop = DemoShop.start();

  @AfterEach
  void stop() {
    shop.close();
  }

  @Test
  void aLoginSetsARandomSessionCookieAndIsCounted() throws Exception {
    HttpResponse<String> login = login("demo");

    String session = sessionCookie(login).orElseThrow();
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly");
    assertThat(session).matches("session=[0-9a-f-]{36}");
    assertThat(shop.activeSessionIds()).containsExactly(session.substring(8));
    assertThat(shop.logins()).isEqualTo(1);
    assertThat(shop.failedLogins()).isZero();
    assertThat(get("/account", session).body()).contains("data-user=\"demo\"");
  }

  @Test
  void aWrongPasswordIsCountedAsFailedAndSetsNoCookie() throws Exception {
    HttpResponse<String> login = login("nope");

    assertThat(login.statusCode()).isEqualTo(401);
    assertThat(sessionCookie(login)).isEmpty();
    assertThat(login.body()).contains("<p class=\"error\">Wrong user or password</p>");
    assertThat(shop.failedLogins()).isEqualTo(1);
    assertThat(shop.logins()).isZero();
    assertThat(shop.activeSessionIds()).isEmpty();
  }

  @Test
  void aSessionExpiresAfterItsTimeToLive() throws Exception {
    shop.close();
    shop = DemoShop.start(Duration.ofMillis(300));
    String session = sessionCookie(login("demo")).orElseThrow();
    assertThat(get("/account", session).statusCode()).as("fresh").isEqualTo(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    HttpResponse<String> account = get("/account", session);
    while (account.statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      account = get("/account", session);
    }

    assertThat(account.statusCode()).isEqualTo(303);
    assertThat(account.headers().firstValue("Location")).contains("/login");
    assertThat(shop.activeSessionIds()).isEmpty();
  }

  @Test
  void revokingSessionsEndsEveryOneAndTheAccountRedirectsToLogin() throws Exception {
    String first = sessionCookie(login("demo")).orElseThrow();
    String second = sessionCookie(login("demo")).orElseThrow();

    HttpResponse<String> revoke = post("/admin/revoke-sessions", "");

    assertThat(revoke.statusCode()).isEqualTo(200);
    assertThat(revoke.body()).isEqualTo("{\"revoked\": 2}");
    assertThat(shop.activeSessionIds()).isEmpty();
    for (String session : new String[] {first, second}) {
      HttpResponse<String> account = get("/account", session);
      assertThat(account.statusCode()).isEqualTo(303);
      assertThat(account.headers().firstValue("Location")).contains("/login");
    }
    assertThat(get("/admin/revoke-sessions", null).statusCode()).as("GET").isEqualTo(405);
  }

  @Test
  void theJavaRevokeCountsLikeTheEndpoint() throws Exception {
    login("demo");

    assertThat(shop.revokeSessions()).isEqualTo(1);
    assertThat(shop.revokeSessions()).isZero();
  }

  @Test
  void adminStatsShowTheCountsAndLiveSessions() throws Exception {
    login("demo");
    login("demo");
    login("wrong");
    shop.revokeSessions();
    login("demo");

    HttpResponse<String> stats = get("/admin/stats", null);

    assertThat(stats.statusCode()).isEqualTo(200);
    assertThat(stats.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(stats.body()).isEqualTo("{\"logins\": 3, \"failedLogins\": 1, \"sessions\": 1}");
  }

  @Test
  void theTimeToLivePropertyTakesIsoDurationsOrSecondsAndDefaults() {
    assertThat(DemoShop.sessionTtl(null)).isEqualTo(DemoShop.DEFAULT_SESSION_TTL);
    assertThat(DemoShop.sessionTtl("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DemoShop.sessionTtl("90")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aBadTimeToLiveIsAClearError() {
    for (String bad : new String[] {"soon", "0", "PT-1S", "30m"}) {
      assertThatThrownBy(() -> DemoShop.sessionTtl(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "drover.demo.session-ttl = \""
                  + bad
                  + "\": expected a positive duration, ISO-8601 such as PT30M or whole seconds"
                  + " such as 1800");
    }
    assertThatThrownBy(() -> DemoShop.start(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionTtl = PT0S: expected a positive duration");
  }

  private HttpResponse<String> login(String password) throws Exception {
    return post("/login", "user=demo&password=" + password);
  }

  private static Optional<String> sessionCookie(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Set-Cookie")
        .map(cookie -> cookie.split(";")[0])
        .filter(cookie -> cookie.startsWith("session=") && cookie.length() > 8);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.url(path)));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(shop.url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
