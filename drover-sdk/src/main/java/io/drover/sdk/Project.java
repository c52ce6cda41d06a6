package io.drover.sdk;

import java.util.List;

/**
 * A named bundle of APIs. Drover finds Projects in a jar through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.drover.sdk.Project} file naming the class) or takes them in code.
 */
public interface Project {

  /** The Project's name, {@code [A-Za-z0-9_-]}, 1 to 64 characters. */
  String name();

  List<Api<?>> apis();
}
