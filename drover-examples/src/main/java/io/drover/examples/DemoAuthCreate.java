package io.drover.examples;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.RunLog;
import java.util.function.Supplier;

/**
 * The demo Project's {@code auth-sessions/create}: signs in to the demo shop with the credentials
 * {@code username} and {@code password} (the demo account is {@code demo} / {@code demo}).
 */
public final class DemoAuthCreate implements AuthCreate {
  private final Supplier<DemoShop> shop;

  /** Signs in to the shared demo shop. */
  public DemoAuthCreate() {
    this(DemoShop::shared);
  }

  /** Signs in to {@code shop} (tests). */
  public DemoAuthCreate(DemoShop shop) {
    this(() -> shop);
  }

  private DemoAuthCreate(Supplier<DemoShop> shop) {
    this.shop = shop;
  }

  @Override
  public void create(Page page, JsonParameters credentials, RunLog log) {
    String username = credential(credentials, "username", "the demo shop user, e.g. \"demo\"");
    String password = credential(credentials, "password", "the demo shop password");
    page.navigate(shop.get().url("/login"));
    page.locator("input[name=user]").fill(username);
    page.locator("input[name=password]").fill(password);
    page.locator("button[type=submit]").click();
    // Either page may follow the submit: the account, or the login form again with its error.
    Locator welcome = page.locator("h1.welcome[data-user]");
    Locator error = page.locator("p.error");
    welcome.or(error).first().waitFor();
    if (error.count() > 0) {
      throw new IllegalStateException(
          "login refused by the demo shop: " + error.first().textContent().trim());
    }
    log.info("logged in as " + welcome.getAttribute("data-user"));
  }

  /** Never puts the value in a message: it may be the password. */
  private static String credential(JsonParameters credentials, String key, String expected) {
    Object value = credentials == null ? null : credentials.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "auth-sessions/create: credentials key \"" + key + "\" is missing; expected " + expected);
    }
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException(
          "auth-sessions/create: credentials key \""
              + key
              + "\" is not a non-empty string; expected "
              + expected);
    }
    return text;
  }
}
