package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's Project jar dropped in the projects directory is loaded and its APIs run. */
class ProjectJarsTest {
  @TempDir Path work;

  private static final String SOURCE =
      """
      package acme;

      import io.drover.sdk.*;
      import java.util.List;
      import java.util.Map;

      public final class AcmeProject implements Project {
        public record Greeting(String name) {}

        public String name() { return "acme"; }

        public List<Api<?>> apis() {
          return List.of(new Api<Greeting>() {
            public String name() { return "greet"; }
            public Class<Greeting> parametersType() { return Greeting.class; }
            public Object run(Greeting g, RunContext context) { return Map.of("hello", g.name()); }
          });
        }
      }
      """;

  @Test
  void aProjectJarInTheProjectsDirectoryIsLoaded() throws Exception {
    Path projects = Files.createDirectories(work.resolve("projects"));
    buildJar(projects.resolve("acme.jar"));
    try (TestServer server =
        new TestServer(
            work.resolve("data"),
            ServerSettings.defaults()
                .with(java.util.Map.of("projects", projects.toString()), "test"))) {
      JsonNode listed = server.get("/api/v1/projects").json();
      assertThat(listed.findValuesAsText("name")).contains("demo", "acme");
      String runId =
          server
              .post(
                  "/api/v1/projects/acme/runs",
                  "{\"apiName\":\"greet\",\"parameters\":{\"name\":\"Ada\"}}")
              .json()
              .get("runId")
              .asText();
      JsonNode run =
          server.awaitChange(
              () -> server.get("/api/v1/projects/acme/runs/" + runId).json(),
              r -> r.get("status").asText().equals("COMPLETED"),
              "acme run");
      assertThat(run.get("result").get("hello").asText()).isEqualTo("Ada");
    }
  }

  private void buildJar(Path jar) throws Exception {
    Path src = Files.createDirectories(work.resolve("src/acme"));
    Files.writeString(src.resolve("AcmeProject.java"), SOURCE);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.resolve("AcmeProject.java").toString());
    assertThat(status).isZero();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.drover.sdk.Project"));
      out.write("acme.AcmeProject\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
