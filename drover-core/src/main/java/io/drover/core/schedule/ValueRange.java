package io.drover.core.schedule;

/** The values {@code start, start+step, ...} up to and including {@code end}. */
public record ValueRange(int start, int end, int step) {

  public ValueRange {
    if (step < 1 || end < start) {
      throw new IllegalArgumentException("bad range " + start + ".." + end + "/" + step);
    }
  }

  public static ValueRange single(int value) {
    return new ValueRange(value, value, 1);
  }

  public boolean contains(int value) {
    return value >= start && value <= end && (value - start) % step == 0;
  }
}
