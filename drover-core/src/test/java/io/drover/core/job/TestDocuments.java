package io.drover.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The example documents the job tests share: valid ones in valid/, invalid ones in a table. */
final class TestDocuments {
  static final List<String> API_NAMES = List.of("echo", "list", "details");

  record InvalidCase(String name, String document, String path) {
    @Override
    public String toString() {
      return name;
    }
  }

  private TestDocuments() {}

  static JobConfigParser parser() {
    return new JobConfigParser(API_NAMES);
  }

  static String valid(String name) {
    return resource("valid/" + name);
  }

  static List<String> validNames() {
    try (Stream<Path> files =
        Files.list(Path.of(TestDocuments.class.getResource("valid").toURI()))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<InvalidCase> invalidCases() {
    List<InvalidCase> cases = new ArrayList<>();
    for (String line : resource("invalid-jobs.jsonl").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JobConfigParser.MAPPER.readTree(line);
        cases.add(
            new InvalidCase(
                node.get("name").textValue(),
                node.get("document").textValue(),
                node.get("path").textValue()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cases;
  }

  static String resource(String name) {
    try (InputStream in = TestDocuments.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
