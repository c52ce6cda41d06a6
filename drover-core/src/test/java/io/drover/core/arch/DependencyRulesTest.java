package io.drover.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of drover-core, read from its sources: which package uses which (imports and fully
 * qualified names), so that a change that makes {@code store} depend on the engine, closes a cycle
 * between packages, or reads the wall clock in engine code fails here rather than in review.
 */
class DependencyRulesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final String ROOT = "io.drover.core";
  private static final Pattern PACKAGE =
      Pattern.compile("^package ([a-z0-9_.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.drover\\.core((?:\\.[a-z0-9_]+)*)\\.[A-Z]");
  private static final Pattern WALL_CLOCK =
      Pattern.compile(
          "Instant\\.now\\(|System\\.currentTimeMillis\\(|(LocalDateTime|LocalDate|LocalTime"
              + "|ZonedDateTime|OffsetDateTime)\\.now\\(|java\\.time\\.Clock\\.system|new Date\\(");

  /** package -> the core packages its sources refer to. */
  private static final Map<String, Set<String>> USES = new TreeMap<>();

  /** source file -> its text without comments. */
  private static final Map<Path, String> CODE = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = withoutComments(Files.readString(file));
        CODE.put(file, code);
        Matcher declared = PACKAGE.matcher(code);
        assertThat(declared.find()).as(file + " declares a package").isTrue();
        String pkg = declared.group(1);
        Set<String> uses = USES.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher reference = REFERENCE.matcher(code);
        while (reference.find()) {
          String used = ROOT + reference.group(1);
          if (!used.equals(pkg)) {
            uses.add(used);
          }
        }
      }
    }
  }

  @Test
  void theStoreDependsOnNoEngineClass() {
    for (Map.Entry<String, Set<String>> entry : USES.entrySet()) {
      if (entry.getKey().startsWith(ROOT + ".store")) {
        assertThat(entry.getValue())
            .as(entry.getKey() + " uses")
            .noneMatch(used -> used.startsWith(ROOT + ".engine"));
      }
    }
  }

  @Test
  void thePackagesOfCoreFormNoCycle() {
    List<List<String>> cycles = new ArrayList<>();
    for (String start : USES.keySet()) {
      findCycle(start, new ArrayDeque<>(), cycles);
    }
    assertThat(cycles).as("package cycles in drover-core").isEmpty();
  }

  @Test
  void noEngineCodeReadsTheWallClock() {
    List<String> reads = new ArrayList<>();
    CODE.forEach(
        (file, code) -> {
          // The one place allowed: Clock.system(), which every engine part gets injected.
          if (file.endsWith(Path.of("io/drover/core/Clock.java"))) {
            return;
          }
          Matcher read = WALL_CLOCK.matcher(code);
          while (read.find()) {
            reads.add(SOURCES.relativize(file) + ": " + read.group());
          }
        });
    assertThat(reads).as("wall-clock reads outside io.drover.core.Clock").isEmpty();
  }

  @Test
  void theRulesSeeTheWholeCore() {
    // Guards the scan itself: if it read nothing, the rules above would pass vacuously.
    assertThat(USES.keySet())
        .contains(ROOT + ".engine", ROOT + ".state", ROOT + ".store", ROOT + ".store.sql");
    assertThat(USES.get(ROOT + ".engine")).contains(ROOT + ".store", ROOT + ".state");
  }

  private static void findCycle(String pkg, Deque<String> path, List<List<String>> cycles) {
    if (path.contains(pkg)) {
      List<String> walked = new ArrayList<>(path);
      List<String> cycle = new ArrayList<>(walked.subList(walked.indexOf(pkg), walked.size()));
      cycle.add(pkg);
      if (cycle.get(0).equals(pkg)
          && cycles.stream().noneMatch(c -> Set.copyOf(c).equals(Set.copyOf(cycle)))) {
        cycles.add(List.copyOf(cycle));
      }
      return;
    }
    path.addLast(pkg);
    for (String used : USES.getOrDefault(pkg, Set.of())) {
      findCycle(used, path, cycles);
    }
    path.removeLast();
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }

  static {
    if (!Files.isDirectory(SOURCES)) {
      throw new UncheckedIOException(
          new IOException("run from the drover-core module: " + SOURCES.toAbsolutePath()));
    }
  }
}
