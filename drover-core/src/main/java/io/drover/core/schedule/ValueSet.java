package io.drover.core.schedule;

import java.util.List;

/**
 * The allowed values of one calendar field: a union of ranges, or every value ({@code ranges}
 * empty). Field bounds are checked when the schedule is parsed, not here.
 */
public record ValueSet(List<ValueRange> ranges) {

  private static final ValueSet EVERY = new ValueSet(List.of());

  public ValueSet {
    ranges = List.copyOf(ranges);
  }

  public static ValueSet every() {
    return EVERY;
  }

  public static ValueSet of(int... values) {
    return new ValueSet(java.util.Arrays.stream(values).mapToObj(ValueRange::single).toList());
  }

  public boolean isEvery() {
    return ranges.isEmpty();
  }

  public boolean contains(int value) {
    if (isEvery()) {
      return true;
    }
    for (ValueRange range : ranges) {
      if (range.contains(value)) {
        return true;
      }
    }
    return false;
  }
}
