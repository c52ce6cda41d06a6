package io.drover.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.core.store.RunnableGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairShareTest {

  @Test
  void freeSlotsAreSplitEvenlyBetweenJobRunsWithRoom() {
    List<RunnableGroup> groups =
        List.of(
            new RunnableGroup("a", 10, 0),
            new RunnableGroup("b", 10, 0),
            new RunnableGroup("c", 10, 0));
    Map<String, Integer> quotas = FairShare.allocate(groups, 9, 0);
    assertThat(quotas).containsEntry("a", 3).containsEntry("b", 3).containsEntry("c", 3);
  }

  @Test
  void aJobRunNeverGetsMoreThanItsCapAllows() {
    List<RunnableGroup> groups =
        List.of(new RunnableGroup("capped", 4, 3), new RunnableGroup("wide", 100, 0));
    Map<String, Integer> quotas = FairShare.allocate(groups, 10, 0);
    assertThat(quotas).containsEntry("capped", 1).containsEntry("wide", 9);
  }

  @Test
  void aFullJobRunGetsNothing() {
    Map<String, Integer> quotas =
        FairShare.allocate(List.of(new RunnableGroup("full", 2, 2)), 8, 0);
    assertThat(quotas).isEmpty();
  }

  @Test
  void standaloneRunsShareTheSlotsToo() {
    List<RunnableGroup> groups =
        List.of(new RunnableGroup("a", 100, 0), new RunnableGroup(null, Integer.MAX_VALUE, 5));
    Map<String, Integer> quotas = FairShare.allocate(groups, 4, 0);
    assertThat(quotas).containsEntry("a", 2).containsEntry(null, 2);
  }

  @Test
  void theRotatingStartGivesTheOddSlotToEachJobRunInTurn() {
    List<RunnableGroup> groups =
        List.of(
            new RunnableGroup("a", 10, 0),
            new RunnableGroup("b", 10, 0),
            new RunnableGroup("c", 10, 0));
    Map<String, Integer> total = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      FairShare.allocate(groups, 1, round).forEach((k, v) -> total.merge(k, v, Integer::sum));
    }
    assertThat(total).containsEntry("a", 1).containsEntry("b", 1).containsEntry("c", 1);
  }
}
