package io.drover.core.sink;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">}. A secret
 * written {@code whsec_<base64>} is the base64-decoded key, as the Standard Webhooks libraries read
 * it; any other secret is used as its UTF-8 bytes.
 */
final class Signature {
  private static final String PREFIX = "whsec_";

  private Signature() {}

  static String sign(String secret, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  static byte[] key(String secret) {
    if (secret.startsWith(PREFIX)) {
      try {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
      } catch (IllegalArgumentException e) {
        // not base64 after all: the whole text is the key
      }
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
