package io.drover.examples.shop;

import java.util.Locale;

/** One product of the demo shop. Prices are in cents; a stock of 0 is shown as "Out of stock". */
public record Product(
    String sku, String category, String name, int priceCents, int stock, String description) {

  /** The price as the shop shows it, e.g. {@code $12.34}. */
  public String priceText() {
    return String.format(Locale.ROOT, "$%d.%02d", priceCents / 100, priceCents % 100);
  }

  public String path() {
    return "/product/" + sku;
  }
}
