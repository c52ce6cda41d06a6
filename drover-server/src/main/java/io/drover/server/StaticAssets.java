package io.drover.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The dashboard's files, served without an API key: the dashboard itself at {@code /}, Monaco from
 * its webjar at {@code /webjars/}, and Playwright's own trace viewer, whose files ship in the
 * Playwright driver jar, at {@code /trace-viewer/}.
 */
final class StaticAssets {
  static final String DASHBOARD = "/dashboard";
  static final String TRACE_VIEWER = "/driver/package/lib/vite/traceViewer";

  private StaticAssets() {}

  static void configure(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = DASHBOARD;
          files.location = Location.CLASSPATH;
          files.headers = java.util.Map.of("Cache-Control", "no-cache");
        });
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/trace-viewer";
          files.directory = TRACE_VIEWER;
          files.location = Location.CLASSPATH;
          // The viewer works through its service worker (sw.bundle.js), which takes this folder
          // as its scope; no-cache lets a new Playwright version's worker replace an old one.
          files.headers = java.util.Map.of("Cache-Control", "no-cache");
          files.mimeTypes.add("application/manifest+json", "webmanifest");
        });
    config.staticFiles.enableWebjars();
  }
}
