package io.drover.examples;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.Api;
import io.drover.sdk.PayloadItem;
import io.drover.sdk.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code list}: reads one page of a demo shop category in the browser and, in a JobRun, adds a
 * {@code details} item per product and a {@code list} item for the next page. Parameters: {@code
 * category} (books, music, games, garden, kitchen, toys), {@code page} (default 1).
 */
public final class ShopList implements Api<ShopList.Parameters> {

  public record Parameters(String category, Integer page) {}

  @Override
  public String name() {
    return "list";
  }

  @Override
  public Class<Parameters> parametersType() {
    return Parameters.class;
  }

  @Override
  public Object run(Parameters parameters, RunContext context) {
    if (parameters.category() == null || parameters.category().isBlank()) {
      throw new IllegalArgumentException(
          "list: parameter category is missing; expected a category such as \"books\"");
    }
    int number = parameters.page() == null ? 1 : parameters.page();
    DemoShop shop = DemoShop.shared();
    Page page = context.page();
    String url = shop.url("/category/" + parameters.category() + "?page=" + number);
    if (page.navigate(url).status() != 200) {
      throw new IllegalStateException(
          "list: " + url + " is not a category page; is the category right?");
    }
    List<String> paths = new ArrayList<>();
    for (Locator link : page.locator("a.product").all()) {
      paths.add(link.getAttribute("href"));
    }
    boolean hasNext = page.locator("a[rel=next]").count() > 0;
    context
        .log()
        .info(
            parameters.category()
                + " page "
                + number
                + ": "
                + paths.size()
                + " products"
                + (hasNext ? ", more on page " + (number + 1) : ", last page"));
    if (!context.execution().standalone()) {
      for (String path : paths) {
        context.extendPayload(PayloadItem.of("details", Map.of("path", path)));
      }
      if (hasNext) {
        context.extendPayload(
            PayloadItem.of("list", Map.of("category", parameters.category(), "page", number + 1)));
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("category", parameters.category());
    result.put("page", number);
    result.put("products", paths);
    result.put("nextPage", hasNext ? number + 1 : null);
    return result;
  }
}
