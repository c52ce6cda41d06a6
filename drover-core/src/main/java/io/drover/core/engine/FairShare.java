package io.drover.core.engine;

import io.drover.core.store.RunnableGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits free slots between runnable groups one slot at a time, round-robin, starting at a rotating
 * position so no JobRun is always served first, and never past a group's own cap.
 */
final class FairShare {
  private FairShare() {}

  /** Quotas by jobRunId ({@code null} key: standalone Runs); groups with no room get none. */
  static Map<String, Integer> allocate(List<RunnableGroup> groups, int freeSlots, int rotation) {
    Map<String, Integer> quotas = new HashMap<>();
    int n = groups.size();
    if (n == 0 || freeSlots <= 0) {
      return quotas;
    }
    int[] room = new int[n];
    for (int i = 0; i < n; i++) {
      RunnableGroup group = groups.get(i);
      room[i] = Math.max(0, group.maximumConcurrentRequests() - group.running());
    }
    int start = Math.floorMod(rotation, n);
    int left = freeSlots;
    boolean gave = true;
    while (left > 0 && gave) {
      gave = false;
      for (int k = 0; k < n && left > 0; k++) {
        int i = (start + k) % n;
        if (room[i] > 0) {
          room[i]--;
          left--;
          quotas.merge(groups.get(i).jobRunId(), 1, Integer::sum);
          gave = true;
        }
      }
    }
    return quotas;
  }
}
