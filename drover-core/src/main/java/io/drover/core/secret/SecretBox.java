package io.drover.core.secret;

import io.drover.core.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (sink headers and keys, AuthSession credentials and browser state) with
 * AES-256-GCM from the JDK. The key comes from {@value #KEY_VARIABLE} (32 bytes, base64) or, when
 * that is unset, from {@code <data>/}{@value #KEY_FILE}, created on first start with mode 0600.
 * Sealed text is {@code v1:<base64 of nonce + ciphertext + tag>}; the {@code context} given to seal
 * (e.g. the row it belongs to) must be given again to open, so a sealed value copied to another row
 * does not open there.
 */
public final class SecretBox {
  public static final String KEY_VARIABLE = "DROVER_SECRET_KEY";
  public static final String KEY_FILE = "secret.key";
  private static final String PREFIX = "v1:";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A box with this 32-byte key (tests, and keys given in code). */
  public static SecretBox of(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "secret key: " + key.length + " bytes; expected " + KEY_BYTES + " (AES-256)");
    }
    return new SecretBox(key.clone());
  }

  /** A box with a new random key, for this process only. */
  public static SecretBox ephemeral() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new SecretBox(key);
  }

  /** The server's box: the key from the environment, else from the data directory's key file. */
  public static SecretBox open(Path dataDir, Map<String, String> environment) {
    String fromEnvironment = environment.get(KEY_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return of(decodeKey(fromEnvironment.trim(), KEY_VARIABLE));
    }
    Path file = dataDir.resolve(KEY_FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return of(
          decodeKey(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return; // another process made it first: use that one
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
  }

  private static byte[] decodeKey(String text, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source
              + ": the secret key is not base64; expected 32 random bytes in base64"
              + " (e.g. openssl rand -base64 32)");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          source
              + ": the secret key is "
              + key.length
              + " bytes; expected 32 random bytes in base64 (e.g. openssl rand -base64 32)");
    }
    return key;
  }

  /**
   * An HMAC-SHA256 of {@code data} under a key derived from this box's key for {@code context}, so
   * values a server hands out (paging cursors) can be checked when they come back, on any node
   * sharing the key.
   */
  public byte[] mac(byte[] data, String context) {
    try {
      javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] derived = derive.doFinal(("drover-mac:" + context).getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(derived, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }

  public String seal(String plaintext, String context) {
    return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
  }

  public String seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JDK", e);
    }
  }

  public String openText(String sealed, String context) {
    return new String(open(sealed, context), StandardCharsets.UTF_8);
  }

  /**
   * The plaintext; a value sealed under another key or context, or altered, is an exception that
   * says so without showing any of it.
   */
  public byte[] open(String sealed, String context) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new SecretException("not a sealed secret (expected the v1: format)");
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SecretException("a sealed secret is damaged (not base64)");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretException("a sealed secret is damaged (too short)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SecretException(
          "a sealed secret does not open with this server's key (was "
              + KEY_VARIABLE
              + " or "
              + KEY_FILE
              + " changed?) or was altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JDK", e);
    }
  }

  /** A secret that cannot be opened; the message never contains any of it. */
  public static final class SecretException extends RuntimeException {
    SecretException(String message) {
      super(message);
    }
  }
}
