package io.drover.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds secrets (the database with sealed sink secrets and API key hashes, the
 * secret key, artifacts of signed-in pages): what Drover creates there only its user may read,
 * directories 0700 and files 0600 where the file system has POSIX permissions (elsewhere they are
 * created as the system makes them). Existing directories keep their modes.
 */
public final class PrivateFiles {
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates {@code dir} and any missing parents, each 0700; an existing one is left as it is. */
  public static Path createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    if (!posix(dir)) {
      return Files.createDirectories(dir);
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, attribute(DIRECTORY));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw raced;
      }
    }
    return dir;
  }

  /** Creates an empty file 0600 unless it exists (then left as it is); true if it created it. */
  public static boolean createFile(Path file) throws IOException {
    try {
      if (posix(file.toAbsolutePath().getParent())) {
        Files.createFile(file, attribute(FILE));
      } else {
        Files.createFile(file);
      }
      return true;
    } catch (FileAlreadyExistsException exists) {
      return false;
    }
  }

  /** Makes a file Drover wrote 0600 (a directory 0700). */
  public static void restrict(Path path) throws IOException {
    if (posix(path)) {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
    }
  }

  private static boolean posix(Path path) {
    Path existing = path.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null
        && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
