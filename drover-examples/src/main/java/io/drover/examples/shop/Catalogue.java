package io.drover.examples.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo shop's products: the same 120 every time (built from word lists, no randomness), so a
 * scrape can be checked against it product by product.
 */
public final class Catalogue {
  public static final int PAGE_SIZE = 10;

  private record Category(String slug, int size, String[] adjectives, String[] nouns) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "books",
              23,
              words("Quiet Modern Lost Brief Golden Northern"),
              words("Atlas Novel Almanac Cookbook Diary Guide")),
          new Category(
              "music",
              17,
              words("Live Acoustic Electric Late Blue"),
              words("Album Sessions Tapes Songbook Overture")),
          new Category(
              "games",
              21,
              words("Tiny Grand Cosmic Pocket Secret"),
              words("Puzzle Quest Dice Chess Cards Arena")),
          new Category(
              "garden",
              19,
              words("Sturdy Copper Folding Rain Sunny"),
              words("Trowel Planter Hose Bench Lantern")),
          new Category(
              "kitchen",
              24,
              words("Cast-iron Ceramic Steel Bamboo Enamel Glass"),
              words("Skillet Kettle Bowl Grater Teapot Board")),
          new Category(
              "toys",
              16,
              words("Wooden Plush Spinning Racing Magnetic"),
              words("Robot Train Kite Bear Blocks")));

  private static final Catalogue INSTANCE = new Catalogue();

  private final Map<String, List<Product>> byCategory = new LinkedHashMap<>();
  private final Map<String, Product> bySku = new LinkedHashMap<>();

  private Catalogue() {
    int n = 0;
    for (Category category : CATEGORIES) {
      List<Product> products = new ArrayList<>();
      for (int i = 0; i < category.size(); i++) {
        n++;
        String adjective = category.adjectives()[i % category.adjectives().length];
        String noun =
            category.nouns()[(i / category.adjectives().length + i) % category.nouns().length];
        String name = adjective + " " + noun + " " + (char) ('A' + i % 26);
        Product product =
            new Product(
                String.format("DS-%04d", n),
                category.slug(),
                name,
                199 + (n * 7_919) % 14_800,
                (n * 37) % 23 == 0 ? 0 : (n * 37) % 23,
                name
                    + ", item "
                    + (i + 1)
                    + " of "
                    + category.size()
                    + " in our "
                    + category.slug()
                    + " range. Ships in "
                    + (1 + n % 5)
                    + " days.");
        products.add(product);
        bySku.put(product.sku(), product);
      }
      byCategory.put(category.slug(), List.copyOf(products));
    }
  }

  public static Catalogue get() {
    return INSTANCE;
  }

  public List<String> categories() {
    return List.copyOf(byCategory.keySet());
  }

  public List<Product> products() {
    return List.copyOf(bySku.values());
  }

  public List<Product> inCategory(String category) {
    return byCategory.getOrDefault(category, List.of());
  }

  public Optional<Product> bySku(String sku) {
    return Optional.ofNullable(bySku.get(sku));
  }

  public int pages(String category) {
    return Math.max(1, (inCategory(category).size() + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /** One page (1-based) of a category; empty past the last page. */
  public List<Product> page(String category, int page) {
    List<Product> all = inCategory(category);
    int from = (page - 1) * PAGE_SIZE;
    if (page < 1 || from >= all.size()) {
      return List.of();
    }
    return all.subList(from, Math.min(all.size(), from + PAGE_SIZE));
  }

  private static String[] words(String text) {
    return text.split(" ");
  }
}
