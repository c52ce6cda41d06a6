package io.drover.server;

import io.drover.core.secret.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Paging cursors as clients see them: base64url of the store's position and a 12-byte HMAC of it
 * and the list it belongs to, under the server's secret key (so any node sharing the key reads
 * them). A cursor that was altered, cut, or taken from another list is a 400 naming {@code cursor},
 * never an arbitrary page or a 500.
 */
final class Cursors {
  private static final int MAC_BYTES = 12;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretBox box;

  Cursors(SecretBox box) {
    this.box = box;
  }

  /** The cursor a client gets for the store's position in this list ({@code null}: none). */
  String encode(String list, String position) {
    if (position == null) {
      return null;
    }
    byte[] value = position.getBytes(StandardCharsets.UTF_8);
    byte[] mac = mac(list, value);
    byte[] out = Arrays.copyOf(value, value.length + MAC_BYTES);
    System.arraycopy(mac, 0, out, value.length, MAC_BYTES);
    return ENCODER.encodeToString(out);
  }

  /** The store's position from the request's {@code cursor} ({@code null}: the first page). */
  String decode(String list, Query query) {
    String cursor = query.text("cursor");
    if (cursor == null) {
      return null;
    }
    byte[] bytes = null;
    if (cursor.length() <= 400 && cursor.matches("[A-Za-z0-9_-]+")) {
      try {
        bytes = DECODER.decode(cursor);
        if (!ENCODER.encodeToString(bytes).equals(cursor)) {
          bytes = null; // unused low bits set: not a cursor this server wrote
        }
      } catch (IllegalArgumentException e) {
        bytes = null;
      }
    }
    if (bytes != null && bytes.length > MAC_BYTES) {
      byte[] value = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
      byte[] given = Arrays.copyOfRange(bytes, value.length, bytes.length);
      if (MessageDigest.isEqual(given, mac(list, value))) {
        return new String(value, StandardCharsets.UTF_8);
      }
    }
    throw ApiException.badRequest(
        "cursor",
        "query parameter cursor = '"
            + Query.shown(cursor)
            + "': expected the nextCursor of a previous page of this list");
  }

  private byte[] mac(String list, byte[] value) {
    return Arrays.copyOf(box.mac(value, "cursor:" + list), MAC_BYTES);
  }
}
