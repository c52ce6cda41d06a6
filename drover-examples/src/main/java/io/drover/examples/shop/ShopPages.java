package io.drover.examples.shop;

import java.util.List;

/** The demo shop's HTML, plain and stable so the scraping APIs (and users) can rely on it. */
final class ShopPages {
  private ShopPages() {}

  static String home(Catalogue catalogue) {
    StringBuilder links = new StringBuilder("<ul class=\"categories\">");
    for (String category : catalogue.categories()) {
      links
          .append("<li><a class=\"category\" href=\"/category/")
          .append(category)
          .append("\">")
          .append(category)
          .append("</a> (")
          .append(catalogue.inCategory(category).size())
          .append(")</li>");
    }
    links.append("</ul><p><a href=\"/account\">Your account</a></p>");
    return layout("Drover demo shop", links.toString());
  }

  static String category(Catalogue catalogue, String category, int page) {
    List<Product> products = catalogue.page(category, page);
    int pages = catalogue.pages(category);
    StringBuilder body = new StringBuilder("<h1>").append(escape(category)).append("</h1>");
    body.append("<p class=\"page\">Page ")
        .append(page)
        .append(" of ")
        .append(pages)
        .append("</p><ul class=\"products\">");
    for (Product product : products) {
      body.append("<li><a class=\"product\" href=\"")
          .append(product.path())
          .append("\">")
          .append(escape(product.name()))
          .append("</a> <span class=\"price\">")
          .append(product.priceText())
          .append("</span></li>");
    }
    body.append("</ul><nav>");
    if (page > 1) {
      body.append("<a rel=\"prev\" href=\"/category/")
          .append(category)
          .append("?page=")
          .append(page - 1)
          .append("\">Previous</a> ");
    }
    if (page < pages) {
      body.append("<a rel=\"next\" href=\"/category/")
          .append(category)
          .append("?page=")
          .append(page + 1)
          .append("\">Next</a>");
    }
    body.append("</nav>");
    return layout(category + ", page " + page, body.toString());
  }

  static String product(Product product) {
    String stock =
        product.stock() == 0
            ? "<span class=\"stock\" data-count=\"0\">Out of stock</span>"
            : "<span class=\"stock\" data-count=\""
                + product.stock()
                + "\">"
                + product.stock()
                + " in stock</span>";
    return layout(
        product.name(),
        "<article class=\"product\"><h1 class=\"name\">"
            + escape(product.name())
            + "</h1>"
            + "<p>SKU <span class=\"sku\">"
            + product.sku()
            + "</span></p>"
            + "<p class=\"price\" data-cents=\""
            + product.priceCents()
            + "\">"
            + product.priceText()
            + "</p>"
            + "<p>"
            + stock
            + "</p>"
            + "<p class=\"description\">"
            + escape(product.description())
            + "</p>"
            + "<a href=\"/category/"
            + product.category()
            + "\">Back to "
            + product.category()
            + "</a></article>"
            + "<script>console.log('viewed product "
            + product.sku()
            + "');</script>");
  }

  static String login(String error) {
    return layout(
        "Sign in",
        (error == null ? "" : "<p class=\"error\">" + escape(error) + "</p>")
            + "<form method=\"post\" action=\"/login\">"
            + "<label>User <input name=\"user\" autocomplete=\"username\"></label>"
            + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>"
            + "<button type=\"submit\">Sign in</button></form><p>Demo account: demo / demo</p>");
  }

  static String account(String user) {
    return layout(
        "Your account",
        "<h1 class=\"welcome\" data-user=\""
            + escape(user)
            + "\">Welcome, "
            + escape(user)
            + "</h1>"
            + "<table class=\"orders\"><tr><th>Order</th><th>Total</th></tr>"
            + "<tr class=\"order\"><td class=\"id\">A-1001</td>"
            + "<td class=\"total\" data-cents=\"4200\">$42.00</td></tr>"
            + "<tr class=\"order\"><td class=\"id\">A-1002</td>"
            + "<td class=\"total\" data-cents=\"750\">$7.50</td></tr></table>"
            + "<form method=\"post\" action=\"/logout\"><button>Sign out</button></form>");
  }

  static String notFound(String path) {
    return layout("Not found", "<h1>Not found</h1><p>Nothing at " + escape(path) + "</p>");
  }

  private static String layout(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto}</style></head>"
        + "<body><header><a href=\"/\">Drover demo shop</a></header>"
        + body
        + "</body></html>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
