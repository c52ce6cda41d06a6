package io.drover.core.engine;

import io.drover.core.job.DurationText;
import io.drover.core.schedule.FireTimes;
import java.time.Instant;

/** The reason recorded for fires missed longer ago than the catch-up window: one entry for all. */
final class MissedFires {
  /** Counting stops here: a month of one-second fires is not worth walking. */
  static final int COUNT_LIMIT = 1000;

  private MissedFires() {}

  /**
   * @param storedNextFireAt the first missed fire, as stored (possibly jittered)
   * @param latest the nominal time of the latest missed fire
   */
  static String reason(FireTimes times, Instant storedNextFireAt, Instant latest) {
    // A jittered time lies before the next nominal fire, so the others are all after it.
    int count = 1;
    Instant cursor = storedNextFireAt;
    while (count <= COUNT_LIMIT) {
      Instant next = times.nextAfter(cursor).orElse(null);
      if (next == null || next.isAfter(latest)) {
        break;
      }
      count++;
      cursor = next;
    }
    String window = DurationText.format(times.schedule().catchupWindow());
    String fires =
        count == 1
            ? "the fire at " + latest
            : (count > COUNT_LIMIT ? "more than " + COUNT_LIMIT : count) + " fires up to " + latest;
    return "missed while the server was down: "
        + fires
        + ", longer ago than the catch-up window ("
        + window
        + ")";
  }
}
