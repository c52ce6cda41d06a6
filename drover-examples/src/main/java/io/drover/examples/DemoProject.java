package io.drover.examples;

import io.drover.sdk.Api;
import io.drover.sdk.AuthCheck;
import io.drover.sdk.AuthCreate;
import io.drover.sdk.Project;
import java.util.List;
import java.util.Optional;

/**
 * The demo Project every server loads by default: {@code echo} (no browser); {@code list}, {@code
 * details} and {@code visit}, which scrape the demo shop ({@link io.drover.examples.shop.DemoShop})
 * in a browser; and {@code account}, which reads the signed-in account page and so needs an
 * AuthSession. Its CREDENTIALS AuthSessions sign in with {@link DemoAuthCreate} (credentials {@code
 * username} and {@code password}, {@code demo} / {@code demo}) and are checked with {@link
 * DemoAuthCheck}.
 */
public final class DemoProject implements Project {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public List<Api<?>> apis() {
    return List.of(new Echo(), new ShopList(), new ShopDetails(), new Visit(), new ShopAccount());
  }

  @Override
  public Optional<AuthCreate> authCreate() {
    return Optional.of(new DemoAuthCreate());
  }

  @Override
  public Optional<AuthCheck> authCheck() {
    return Optional.of(new DemoAuthCheck());
  }
}
