package io.drover.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Claiming in one transaction with what precedes it: the busy engine commits a group of outcomes
 * and claims the Runs for the slots they freed together, so it pays for one transaction where it
 * would pay for three (read the groups, claim, commit).
 */
public interface DispatchStore {

  /**
   * Which runnable groups a claim reads and how it splits the free slots between them. A claim
   * reads at most {@code maxGroups} RUNNING JobRuns that have due PENDING Runs and room below their
   * cap, in id order starting after {@code after} and wrapping around (so successive claims go
   * round all JobRuns however many there are, at a cost that follows maxGroups), plus the
   * standalone group when standalone Runs are due; {@code split} turns them into quotas by jobRunId
   * (null: standalone).
   */
  record Allocation(
      int maxGroups, String after, Function<List<RunnableGroup>, Map<String, Integer>> split) {

    /** Every runnable JobRun with room, from the first. */
    public static Allocation all(Function<List<RunnableGroup>, Map<String, Integer>> split) {
      return new Allocation(Integer.MAX_VALUE, null, split);
    }
  }

  /** What {@link #finishAndClaim} did: applied per outcome, as finishAttempts; then the claim. */
  record Dispatched(List<Boolean> applied, List<ClaimedAttempt> claimed) {}

  /**
   * In one transaction: reads the runnable groups {@code allocation} asks for, splits them with it
   * and claims as {@code claim(node, quotas, now)}.
   */
  List<ClaimedAttempt> claim(String node, Allocation allocation, Instant now);

  /** {@link #claim(String, Allocation, Instant)} for the store's one local node. */
  default List<ClaimedAttempt> claim(Allocation allocation, Instant now) {
    return claim(Store.LOCAL_NODE, allocation, now);
  }

  /**
   * In one transaction: {@code finishAttempts(node, outcomes, now)}, then {@link #claim(String,
   * Allocation, Instant)} with the groups as the outcomes left them. A crash leaves both or
   * neither; an outcome that finishAttempts rejects rejects the whole.
   */
  Dispatched finishAndClaim(
      String node, List<AttemptOutcome> outcomes, Allocation allocation, Instant now);

  /** {@link #finishAndClaim(String, List, Allocation, Instant)} for the store's local node. */
  default Dispatched finishAndClaim(
      List<AttemptOutcome> outcomes, Allocation allocation, Instant now) {
    return finishAndClaim(Store.LOCAL_NODE, outcomes, allocation, now);
  }
}
