package io.drover.core.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Playwright records video with its own ffmpeg build, looked up at {@code
 * <browsersPath>/ffmpeg-<revision>/ffmpeg-linux} (the revision is in the driver's browsers.json).
 * Drover never downloads browsers, so it links the system ffmpeg there instead.
 */
public record VideoSupport(boolean available, String reason) {
  private static final String BROWSERS_JSON = "driver/package/browsers.json";

  /** Makes sure Playwright finds an ffmpeg; says why not when it cannot. */
  public static VideoSupport prepare() {
    return prepare(browsersPath());
  }

  /**
   * Where Playwright looks: $PLAYWRIGHT_BROWSERS_PATH, else ~/.cache/ms-playwright. Not
   * configurable here: Playwright for Java starts every driver of the process with the environment
   * of the first one.
   */
  public static Path browsersPath() {
    String fromEnv = System.getenv("PLAYWRIGHT_BROWSERS_PATH");
    if (fromEnv != null && !fromEnv.isBlank() && !fromEnv.equals("0")) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("ms-playwright");
  }

  static VideoSupport prepare(Path browsersPath) {
    Optional<String> revision = ffmpegRevision();
    if (revision.isEmpty()) {
      return new VideoSupport(
          false, "the Playwright driver's " + BROWSERS_JSON + " names no ffmpeg revision");
    }
    Path expected = browsersPath.resolve("ffmpeg-" + revision.get()).resolve("ffmpeg-linux");
    if (Files.isExecutable(expected)) {
      return new VideoSupport(true, "ffmpeg at " + expected);
    }
    Optional<Path> system = systemFfmpeg();
    if (system.isEmpty()) {
      return new VideoSupport(
          false,
          "no ffmpeg on this machine (looked on PATH); install it (Debian: apt-get install -y ffmpeg, as root) and restart");
    }
    try {
      Files.createDirectories(expected.getParent());
      Files.deleteIfExists(expected); // a dangling link from an ffmpeg since removed
      Files.createSymbolicLink(expected, system.get());
      return new VideoSupport(true, "linked " + system.get() + " to " + expected);
    } catch (IOException | UnsupportedOperationException e) {
      return new VideoSupport(
          false,
          "could not link "
              + system.get()
              + " to "
              + expected
              + " where Playwright looks for it: "
              + e);
    }
  }

  static Optional<String> ffmpegRevision() {
    try (InputStream in = VideoSupport.class.getClassLoader().getResourceAsStream(BROWSERS_JSON)) {
      if (in == null) {
        return Optional.empty();
      }
      for (JsonNode browser : new ObjectMapper().readTree(in).path("browsers")) {
        if (browser.path("name").asText().equals("ffmpeg")) {
          return Optional.of(browser.path("revision").asText());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> systemFfmpeg() {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "ffmpeg"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
