package io.drover.examples;

import com.microsoft.playwright.Page;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.Api;
import io.drover.sdk.RunContext;
import java.math.BigDecimal;

/**
 * {@code details}: reads one demo shop product page and returns its fields. Parameters: {@code
 * path}, e.g. {@code /product/DS-0001}, as {@code list} found it.
 */
public final class ShopDetails implements Api<ShopDetails.Parameters> {

  public record Parameters(String path) {}

  /** What a product page says; {@code price} in dollars, {@code stock} 0 when out of stock. */
  public record Details(String sku, String name, BigDecimal price, int stock, String description) {}

  @Override
  public String name() {
    return "details";
  }

  @Override
  public Class<Parameters> parametersType() {
    return Parameters.class;
  }

  @Override
  public Object run(Parameters parameters, RunContext context) {
    if (parameters.path() == null || !parameters.path().startsWith("/product/")) {
      throw new IllegalArgumentException(
          "details: path = "
              + parameters.path()
              + ": expected a product path such as \"/product/DS-0001\"");
    }
    Page page = context.page();
    String url = DemoShop.shared().url(parameters.path());
    if (page.navigate(url).status() != 200) {
      throw new IllegalStateException("details: " + url + " is not a product page");
    }
    int cents = Integer.parseInt(page.locator(".price").getAttribute("data-cents"));
    return new Details(
        page.locator(".sku").textContent().trim(),
        page.locator("h1.name").textContent().trim(),
        BigDecimal.valueOf(cents, 2),
        Integer.parseInt(page.locator(".stock").getAttribute("data-count")),
        page.locator(".description").textContent().trim());
  }
}
