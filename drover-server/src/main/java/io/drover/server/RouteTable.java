package io.drover.server;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import java.util.List;

/** The HTTP routes a server answers, read back from Javalin: what the tests walk. */
record RouteTable(List<Route> routes) {

  /** One route: method, path template (e.g. {@code /api/v1/projects/{project}/jobs}), access. */
  record Route(String method, String path, RouteAccess access) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static RouteTable of(Javalin http) {
    return new RouteTable(
        http.unsafe.internalRouter.allHttpHandlers().stream()
            .map(parsed -> parsed.endpoint)
            .filter(endpoint -> endpoint.method.isHttpMethod())
            .map(RouteTable::route)
            .toList());
  }

  private static Route route(Endpoint endpoint) {
    return new Route(endpoint.method.name(), endpoint.path, RouteAccess.of(endpoint));
  }
}
