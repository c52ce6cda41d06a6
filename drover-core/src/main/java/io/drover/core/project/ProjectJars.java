package io.drover.core.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Users' Project jars dropped in a directory: each {@code *.jar} there (with its
 * META-INF/services/io.drover.sdk.Project entry) is loaded beside the server's own class path.
 */
public final class ProjectJars {
  private ProjectJars() {}

  /** A class loader over every jar in {@code dir} (the parent alone if there is none). */
  public static ClassLoader loader(Path dir, ClassLoader parent) {
    if (dir == null || !Files.isDirectory(dir)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(
          "cannot load project jars from " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list project jars in " + dir, e);
    }
    return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
  }
}
