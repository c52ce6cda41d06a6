package io.drover.examples;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.drover.examples.shop.DemoShop;
import io.drover.sdk.Api;
import io.drover.sdk.RunContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code visit}: opens a path of the demo shop and waits, however long it takes, until it has
 * loaded; returns its status and title. {@code {"path": "/slow?ms=600000"}} is a page that hangs
 * for ten minutes: what a requestTimeout is for.
 */
public final class Visit implements Api<Visit.Parameters> {

  public record Parameters(String path) {}

  @Override
  public String name() {
    return "visit";
  }

  @Override
  public Class<Parameters> parametersType() {
    return Parameters.class;
  }

  @Override
  public Object run(Parameters parameters, RunContext context) {
    String path = parameters.path() == null ? "/" : parameters.path();
    Page page = context.page();
    page.setDefaultNavigationTimeout(0); // the attempt's requestTimeout is the only limit
    Response response = page.navigate(DemoShop.shared().url(path));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("path", path);
    result.put("status", response == null ? null : response.status());
    result.put("title", page.title());
    return result;
  }
}
