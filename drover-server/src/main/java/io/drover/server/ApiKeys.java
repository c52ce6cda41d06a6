package io.drover.server;

import io.drover.core.Clock;
import io.drover.core.Ids;
import io.drover.core.store.ApiKeyRecord;
import io.drover.core.store.ApiKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Making and checking API keys. A key is {@value #PREFIX} and 256 random bits (base64url); only its
 * SHA-256 is stored: a key that random needs no slow, salted hash, since nobody can guess one to
 * test against the hash.
 */
final class ApiKeys {
  static final String PREFIX = "drv_";

  /** Where the first start leaves the admin key, for {@code drover demo} and the CLI. */
  static final String ADMIN_KEY_FILE = "admin.key";

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyStore store;
  private final Clock clock;
  private final Ids ids;

  /** A key just made: the key itself, shown once, and what was stored of it. */
  record Issued(String key, ApiKeyRecord record) {}

  ApiKeys(ApiKeyStore store, Clock clock, Ids ids) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
  }

  /** A new key for {@code project} ({@code null}: an admin key). */
  Issued create(String project, String name) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKeyRecord record = new ApiKeyRecord(ids.next(), hash(key), project, name, clock.now());
    store.saveApiKey(record);
    return new Issued(key, record);
  }

  /** The stored key a presented one is, if any. */
  Optional<ApiKeyRecord> find(String presented) {
    return store.findApiKeyByHash(hash(presented));
  }

  static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /**
   * On a first start (no admin key stored yet) makes one and writes it to {@code
   * <dataDir>/admin.key}, readable by this user only. Logs the file's path, never the key.
   */
  void ensureAdminKey(Path dataDir) {
    if (store.listApiKeys().stream().anyMatch(ApiKeyRecord::admin)) {
      return;
    }
    Issued admin = create(null, "admin (made at first start)");
    Path file = dataDir.resolve(ADMIN_KEY_FILE);
    try {
      writePrivately(file, admin.key() + "\n");
    } catch (IOException e) {
      store.deleteApiKey(admin.record().id());
      throw new UncheckedIOException("cannot write the admin API key to " + file, e);
    }
    LOG.info(
        "made an admin API key ({}); it is in {} (readable by this user only):"
            + " send it as 'Authorization: Bearer <key>'",
        admin.record().id(),
        file.toAbsolutePath());
  }

  /** Reads the admin key a server left in its data directory. */
  static Optional<String> readAdminKey(Path dataDir) {
    Path file = dataDir.resolve(ADMIN_KEY_FILE);
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).trim()).filter(k -> !k.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  // The file is made with its final permissions, then moved into place: never readable by others.
  private static void writePrivately(Path file, String content) throws IOException {
    io.drover.core.PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temp);
    }
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
