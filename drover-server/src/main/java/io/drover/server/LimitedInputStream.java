package io.drover.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body as a stream, failing once more than {@code limit} bytes arrive. */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String source;
  private long count;

  LimitedInputStream(InputStream in, long limit, String source) {
    super(in);
    this.limit = limit;
    this.source = source;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  private void counted(int n) {
    count += n;
    if (count > limit) {
      throw new BodyTooLargeException(limit, source);
    }
  }
}
