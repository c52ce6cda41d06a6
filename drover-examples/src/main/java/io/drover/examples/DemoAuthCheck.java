package io.drover.examples;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.RunLog;
import java.util.function.Supplier;

/**
 * The demo Project's {@code auth-sessions/check}: one request for the demo shop's account page with
 * the page's cookies (no navigation, no rendering); logged in when the shop answers it with the
 * page rather than a redirect to its login.
 */
public final class DemoAuthCheck implements AuthCheck {
  private final Supplier<DemoShop> shop;

  /** Checks against the shared demo shop. */
  public DemoAuthCheck() {
    this(DemoShop::shared);
  }

  /** Checks against {@code shop} (tests). */
  public DemoAuthCheck(DemoShop shop) {
    this(() -> shop);
  }

  private DemoAuthCheck(Supplier<DemoShop> shop) {
    this.shop = shop;
  }

  @Override
  public boolean check(Page page, RunLog log) {
    // A request with the context's cookies, not a navigation: nothing to render, and the page is
    // left as it was for the API.
    APIResponse response =
        page.context()
            .request()
            .get(shop.get().url("/account"), RequestOptions.create().setMaxRedirects(0));
    boolean loggedIn = response.status() == 200;
    if (!loggedIn) {
      log.info(
          "not logged in: the demo shop answered "
              + response.status()
              + (response.headers().containsKey("location")
                  ? " to " + response.headers().get("location")
                  : ""));
    }
    response.dispose();
    return loggedIn;
  }
}
