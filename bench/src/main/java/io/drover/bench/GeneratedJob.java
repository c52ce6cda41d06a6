package io.drover.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Job document of N {@code echo} items produced on the fly, so a benchmark never holds the
 * payload.
 */
final class GeneratedJob extends InputStream {
  private final int items;
  private final String sinkJson;
  private int next = 0;
  private byte[] chunk;
  private int pos;

  GeneratedJob(String id, int items, int concurrency) {
    this(id, items, concurrency, null);
  }

  /** With {@code sinkJson} (a sink object, or null for none) as the Job's sink. */
  GeneratedJob(String id, int items, int concurrency, String sinkJson) {
    this.items = items;
    this.sinkJson = sinkJson;
    this.chunk =
        ("{\"id\":\""
                + id
                + "\",\"configuration\":{\"maximumConcurrentRequests\":"
                + concurrency
                + ",\"maximumAttempts\":3,\"requestTimeout\":60},\"payload\":[")
            .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int read() {
    if (pos == chunk.length && !refill()) {
      return -1;
    }
    return chunk[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos == chunk.length && !refill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean refill() {
    if (next > items) {
      return false;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000 && next < items; i++, next++) {
      text.append(next == 0 ? "" : ",")
          .append("{\"apiName\":\"echo\",\"parameters\":{\"item\":")
          .append(next)
          .append("}}");
    }
    if (next == items) {
      text.append(sinkJson == null ? "]}" : "],\"sink\":" + sinkJson + "}");
      next++;
    }
    chunk = text.toString().getBytes(StandardCharsets.UTF_8);
    pos = 0;
    return true;
  }
}
