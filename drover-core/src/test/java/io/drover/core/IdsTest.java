package io.drover.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsFromOneGeneratorAreStrictlyIncreasingEvenWithinOneMillisecond() {
    Instant fixed = Instant.parse("2026-11-29T10:00:00Z");
    Ids ids = new Ids(() -> fixed);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.next());
    }
    assertThat(made).isSorted().doesNotHaveDuplicates();
    assertThat(made).allSatisfy(id -> assertThat(id).hasSize(26));
  }

  @Test
  void anIdTellsTheMillisecondItWasMadeAt() {
    Instant at = Instant.parse("2026-11-29T10:00:00.123Z");
    assertThat(Ids.instantOf(new Ids(() -> at).next())).isEqualTo(at);
  }

  @Test
  void aClockGoingBackwardsDoesNotBreakOrdering() {
    Instant[] now = {Instant.parse("2026-11-29T10:00:01Z")};
    Ids ids = new Ids(() -> now[0]);
    String first = ids.next();
    now[0] = now[0].minusSeconds(1);
    assertThat(ids.next()).isGreaterThan(first);
  }
}
