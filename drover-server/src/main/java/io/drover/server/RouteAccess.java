package io.drover.server;

import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;

/**
 * Which API keys a route accepts. A route names its access as a Javalin route role; one that names
 * none gets the safe default: {@link #PROJECT} when its path has a {@code {project}}, {@link
 * #ADMIN} otherwise. So a route added without a thought for keys is closed, not open.
 */
enum RouteAccess implements RouteRole {
  /** No key: the health check. */
  PUBLIC,
  /** Any valid key: descriptions (schemas, OpenAPI), the schedule preview, the project list. */
  ANY_KEY,
  /** An admin key, or a key of the project in the path. */
  PROJECT,
  /** An admin key only: key management, metrics, the cluster. */
  ADMIN;

  static RouteAccess of(Endpoint endpoint) {
    Roles roles = endpoint.metadata(Roles.class);
    if (roles != null) {
      for (RouteRole role : roles.getRoles()) {
        if (role instanceof RouteAccess access) {
          return access;
        }
      }
    }
    return endpoint.path.contains("{project}") ? PROJECT : ADMIN;
  }
}
