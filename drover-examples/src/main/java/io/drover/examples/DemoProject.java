package io.drover.examples;

import io.drover.sdk.Api;
import io.drover.sdk.Project;
import java.util.List;

/** The demo Project every server loads by default. */
public final class DemoProject implements Project {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public List<Api<?>> apis() {
    return List.of(new Echo());
  }
}
