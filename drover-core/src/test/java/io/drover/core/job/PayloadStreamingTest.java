package io.drover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadStreamingTest {
  private static final int ITEMS = 200_000;
  private static final long MAX_READ_AHEAD = 64 * 1024;
  private static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;

  @Test
  void largePayloadIsHandedOverItemByItemAndNeverHeldWhole() {
    GeneratedJob input = new GeneratedJob(ITEMS);
    long baseline = usedHeapAfterGc();
    long[] counted = {0};
    long[] maxReadAhead = {0};
    long[] maxHeapGrowth = {0};

    new JobConfigParser(TestDocuments.API_NAMES)
        .parse(
            input,
            (index, item) -> {
              assertThat(index).isEqualTo(counted[0]);
              counted[0]++;
              maxReadAhead[0] = Math.max(maxReadAhead[0], input.produced() - input.endOf(index));
              if (index % 100_000 == 0 || index == ITEMS - 1) {
                maxHeapGrowth[0] = Math.max(maxHeapGrowth[0], usedHeapAfterGc() - baseline);
              }
            });

    assertThat(counted[0]).isEqualTo(ITEMS);
    assertThat(input.produced()).isGreaterThan(ITEMS * 300L);
    assertThat(maxReadAhead[0])
        .as("bytes read past the item handed over")
        .isLessThan(MAX_READ_AHEAD);
    assertThat(maxHeapGrowth[0]).as("heap growth while parsing").isLessThan(MAX_HEAP_GROWTH);
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** A Job document whose payload is generated while it is read: it never exists whole. */
  private static final class GeneratedJob extends InputStream {
    private static final byte[] HEAD =
        "{\"id\": \"big\", \"payload\": [".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL =
        "], \"configuration\": {\"maximumAttempts\": 2}}".getBytes(StandardCharsets.US_ASCII);
    private static final String ITEM =
        ",{\"apiName\": \"echo\", \"parameters\": {\"id\": \"%07d\", \"text\": \""
            + "x".repeat(300)
            + "\"}}";
    private static final int ITEM_LENGTH = String.format(ITEM, 0).length();

    private final int items;
    private int next;
    private byte[] chunk = HEAD;
    private int position;
    private long produced;

    GeneratedJob(int items) {
      this.items = items;
    }

    long produced() {
      return produced;
    }

    /** Where item index ends in the document (items are all the same length). */
    long endOf(long index) {
      return HEAD.length + (index + 1) * ITEM_LENGTH - 1;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == chunk.length && !advance()) {
        return -1;
      }
      int count = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, buffer, offset, count);
      position += count;
      produced += count;
      return count;
    }

    private boolean advance() {
      if (next < items) {
        String item = String.format(ITEM, next);
        chunk = (next == 0 ? item.substring(1) : item).getBytes(StandardCharsets.US_ASCII);
      } else if (next == items) {
        chunk = TAIL;
      } else {
        return false;
      }
      next++;
      position = 0;
      return true;
    }
  }
}
