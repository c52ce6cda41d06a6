package io.drover.examples;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.Api;
import io.drover.sdk.JsonParameters;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.RunContext;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code account}: reads the signed-in demo shop account: {@code user}, its {@code orders} (each
 * {@code order} and {@code total} in dollars) and the {@code authSessionId} the Run used. It needs
 * an AuthSession ({@code authSession.id} in the Job). Parameter {@code more} (optional, 0 to 100):
 * in a JobRun, adds that many {@code account} items, which use the JobRun's session too.
 */
public final class ShopAccount implements Api<JsonParameters> {

  /** One row of the account's orders; {@code total} in dollars. */
  public record Order(String order, BigDecimal total) {}

  /** What the account page says, and the AuthSession ({@code null} for none) that got there. */
  public record Account(String user, List<Order> orders, String authSessionId) {}

  private final Supplier<DemoShop> shop;

  /** Reads the shared demo shop. */
  public ShopAccount() {
    this(DemoShop::shared);
  }

  /** Reads {@code shop} (tests). */
  public ShopAccount(DemoShop shop) {
    this(() -> shop);
  }

  private ShopAccount(Supplier<DemoShop> shop) {
    this.shop = shop;
  }

  @Override
  public String name() {
    return "account";
  }

  @Override
  public Class<JsonParameters> parametersType() {
    return JsonParameters.class;
  }

  @Override
  public Object run(JsonParameters parameters, RunContext context) {
    Page page = context.page();
    page.navigate(shop.get().url("/account"));
    if (!showsAccount(page)) {
      throw new IllegalStateException(
          "account: not logged in — the demo shop sent the login page; run this API with an"
              + " AuthSession (authSession.id in the Job)");
    }
    Object more = parameters == null ? null : parameters.get("more");
    if (more != null) {
      if (!(more instanceof Integer count) || count < 0 || count > 100) {
        throw new IllegalArgumentException("account: more = " + more + ": expected 0 to 100");
      }
      if (!context.execution().standalone()) {
        for (int i = 0; i < count; i++) {
          context.extendPayload(PayloadItem.of("account", Map.of()));
        }
      }
    }
    List<Order> orders = new ArrayList<>();
    for (Locator row : page.locator("table.orders tr.order").all()) {
      int cents = Integer.parseInt(row.locator("td.total").getAttribute("data-cents"));
      orders.add(
          new Order(row.locator("td.id").textContent().trim(), BigDecimal.valueOf(cents, 2)));
    }
    return new Account(
        page.locator("h1.welcome").getAttribute("data-user"),
        orders,
        context.execution().authSessionId());
  }

  /** Whether {@code page}, just sent to /account, shows it rather than the login page. */
  static boolean showsAccount(Page page) {
    return !URI.create(page.url()).getPath().equals("/login")
        && page.locator("h1.welcome[data-user]").count() > 0;
  }
}
