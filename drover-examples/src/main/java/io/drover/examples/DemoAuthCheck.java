package io.drover.examples;

import com.microsoft.playwright.Page;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.RunLog;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The demo Project's {@code auth-sessions/check}: one navigation to the demo shop's account page;
 * logged in unless the shop sent the login page instead.
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
    page.navigate(shop.get().url("/account"));
    boolean loggedIn = ShopAccount.showsAccount(page);
    if (!loggedIn) {
      log.info("not logged in: the demo shop sent " + URI.create(page.url()).getPath());
    }
    return loggedIn;
  }
}
