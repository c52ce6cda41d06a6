package io.drover.core.browser;

import io.drover.core.auth.Scrubber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A Playwright trace records every request's headers, the session's cookies among them: before a
 * trace of an attempt with an AuthSession is kept, those values are overwritten in every entry of
 * its zip (by as many '*', so nothing in it changes length).
 */
final class TraceScrub {
  private TraceScrub() {}

  static void rewrite(Path trace, Scrubber scrubber) throws IOException {
    if (scrubber.secrets().isEmpty()) {
      return;
    }
    Path scrubbed = trace.resolveSibling(trace.getFileName() + ".scrubbed");
    try (InputStream file = Files.newInputStream(trace);
        ZipInputStream in = new ZipInputStream(file);
        OutputStream target = Files.newOutputStream(scrubbed);
        ZipOutputStream out = new ZipOutputStream(target)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(scrubber.scrub(bytes));
        out.closeEntry();
      }
    }
    Files.move(scrubbed, trace, StandardCopyOption.REPLACE_EXISTING);
  }
}
