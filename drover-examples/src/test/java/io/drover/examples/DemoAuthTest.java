package io.drover.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.drover.examples.ShopAccount.Account;
import io.drover.examples.ShopAccount.Order;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.Execution;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.RunContext;
import io.drover.sdk.RunLog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The demo AuthSession the way the engine uses it: create in a fresh context, keep its storage
 * state, then check and run {@code account} in a new context opened with that state.
 */
@Tag("slow")
class DemoAuthTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static Playwright playwright;
  private static Browser browser;
  private final DemoShop shop = DemoShop.start();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final RunLog log = (level, message) -> logLines.add(level + " " + message);

  @BeforeAll
  static void launch() {
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
  }

  @AfterAll
  static void quit() {
    playwright.close();
  }

  @AfterEach
  void stop() {
    shop.close();
  }

  @Test
  void aCreatedSessionPassesItsCheckAndReadsTheAccountUntilRevoked() throws Exception {
    String state;
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      new DemoAuthCreate(shop).create(page, credentials("demo", "demo"), log);
      assertThat(new DemoAuthCheck(shop).check(page, log)).isTrue();
      state = context.storageState();
    }
    assertThat(logLines).containsExactly("INFO logged in as demo");
    assertThat(shop.logins()).isEqualTo(1);
    assertThat(state).contains(shop.activeSessionIds().iterator().next());

    try (BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setStorageState(state))) {
      Page page = context.newPage();
      assertThat(new DemoAuthCheck(shop).check(page, log)).isTrue();
      Object account = new ShopAccount(shop).run(new JsonParameters(), context(page, "demo-login"));
      assertThat(account)
          .isEqualTo(
              new Account(
                  "demo",
                  List.of(
                      new Order("A-1001", new BigDecimal("42.00")),
                      new Order("A-1002", new BigDecimal("7.50"))),
                  "demo-login"));

      shop.revokeSessions();
      assertThat(new DemoAuthCheck(shop).check(page, log)).isFalse();
      assertThatThrownBy(() -> new ShopAccount(shop).run(new JsonParameters(), context(page, null)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "account: not logged in — the demo shop sent the login page; run this API with an"
                  + " AuthSession (authSession.id in the Job)");
    }
    assertThat(shop.logins()).as("checks and reads do not log in").isEqualTo(1);
  }

  @Test
  void aWrongPasswordIsRefusedWithTheShopsErrorAndNeverLogged() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      assertThatThrownBy(
              () -> new DemoAuthCreate(shop).create(page, credentials("demo", "s3cret!"), log))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("login refused by the demo shop: Wrong user or password");
      assertThat(new DemoAuthCheck(shop).check(page, log)).isFalse();
    }
    assertThat(shop.failedLogins()).isEqualTo(1);
    assertThat(logLines).noneMatch(line -> line.contains("s3cret!"));
  }

  private static JsonParameters credentials(String username, String password) {
    return new JsonParameters(Map.of("username", username, "password", password));
  }

  private RunContext context(Page page, String authSessionId) {
    Execution execution =
        new Execution("demo", "demo-account", "jr-1", "run-1", "account", 1, authSessionId);
    return new RunContext() {
      @Override
      public Page page() {
        return page;
      }

      @Override
      public void extendPayload(PayloadItem... items) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void extendTimeout() {}

      @Override
      public RunLog log() {
        return log;
      }

      @Override
      public Execution execution() {
        return execution;
      }
    };
  }
}
