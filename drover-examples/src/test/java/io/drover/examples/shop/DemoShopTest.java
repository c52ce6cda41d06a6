package io.drover.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo shop over plain HTTP: what the scraping APIs rely on. */
class DemoShopTest {
  private static final Pattern PRODUCT_LINK =
      Pattern.compile("class=\"product\" href=\"(/product/DS-\\d{4})\"");
  private static DemoShop shop;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    shop = DemoShop.start();
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.url(path)));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCatalogueIsTheSameEveryTimeWithMoreThanAHundredUniqueProducts() {
    List<Product> products = Catalogue.get().products();

    assertThat(products).hasSizeGreaterThanOrEqualTo(100);
    assertThat(products.stream().map(Product::sku).distinct()).hasSize(products.size());
    assertThat(products.get(0))
        .isEqualTo(
            new Product(
                "DS-0001",
                "books",
                "Quiet Atlas A",
                199 + 7_919 % 14_800,
                14,
                "Quiet Atlas A, item 1 of 23 in our books range. Ships in 2 days."));
    assertThat(products).anyMatch(p -> p.stock() == 0).allMatch(p -> p.priceCents() > 0);
  }

  @Test
  void followingNextLinksListsEveryProductOfACategoryOnce() throws Exception {
    Set<String> seen = new HashSet<>();
    for (String category : Catalogue.get().categories()) {
      String path = "/category/" + category;
      int pages = 0;
      while (path != null) {
        String html = get(path, null).body();
        pages++;
        Matcher link = PRODUCT_LINK.matcher(html);
        while (link.find()) {
          assertThat(seen.add(link.group(1))).as(link.group(1) + " listed twice").isTrue();
        }
        Matcher next = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(html);
        path = next.find() ? next.group(1) : null;
      }
      assertThat(pages).isEqualTo(Catalogue.get().pages(category));
    }
    assertThat(seen).hasSize(Catalogue.get().products().size());
  }

  @Test
  void aProductPageShowsItsStructuredFields() throws Exception {
    Product product = Catalogue.get().bySku("DS-0042").orElseThrow();

    String html = get(product.path(), null).body();

    assertThat(html)
        .contains("<h1 class=\"name\">" + product.name() + "</h1>")
        .contains("<span class=\"sku\">DS-0042</span>")
        .contains("data-cents=\"" + product.priceCents() + "\">" + product.priceText())
        .contains("data-count=\"" + product.stock() + "\"")
        .contains(product.description());
  }

  @Test
  void theAccountNeedsALogin() throws Exception {
    HttpResponse<String> anonymous = get("/account", null);
    HttpResponse<String> wrong = post("/login", "user=demo&password=nope");
    HttpResponse<String> right = post("/login", "user=demo&password=demo");
    String cookie = right.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).contains("/login");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(get("/account", cookie).body()).contains("Welcome, demo");
  }

  @Test
  void slowPagesTakeTheirTimeAndUnknownPagesAre404() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> slow = get("/slow?ms=700", null);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(slow.body()).contains("class=\"done\"");
    assertThat(get("/category/books?page=99", null).statusCode()).isEqualTo(404);
    assertThat(get("/product/DS-9999", null).statusCode()).isEqualTo(404);
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
