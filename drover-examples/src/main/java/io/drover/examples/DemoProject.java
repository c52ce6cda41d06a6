package io.drover.examples;

import io.drover.sdk.Api;
import io.drover.sdk.Project;
import java.util.List;

/**
 * The demo Project every server loads by default: {@code echo} (no browser), and {@code list},
 * {@code details} and {@code visit}, which scrape the demo shop ({@link
 * io.drover.examples.shop.DemoShop}) in a browser.
 */
public final class DemoProject implements Project {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public List<Api<?>> apis() {
    return List.of(new Echo(), new ShopList(), new ShopDetails(), new Visit());
  }
}
