package io.drover.core.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed state changes, for every entity with a lifecycle. The enums answer
 * {@code canBecome} from it and the store derives its UPDATE guards from it, so a transition the
 * table does not allow cannot happen in memory or in the database.
 */
public final class Transitions {
  private static final Map<Class<?>, Map<?, Set<?>>> TABLES = new java.util.HashMap<>();

  static {
    table(
        RunStatus.class,
        Map.of(
            RunStatus.PENDING, EnumSet.of(RunStatus.RUNNING, RunStatus.CANCELED),
            // back to PENDING on retry, pause or an abandoned attempt
            RunStatus.RUNNING,
                EnumSet.of(
                    RunStatus.PENDING, RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELED)));
    table(
        JobRunStatus.class,
        Map.of(
            JobRunStatus.RUNNING,
                EnumSet.of(
                    JobRunStatus.PAUSED,
                    JobRunStatus.COMPLETED,
                    JobRunStatus.TERMINATED,
                    JobRunStatus.CANCELED),
            JobRunStatus.PAUSED,
                EnumSet.of(JobRunStatus.RUNNING, JobRunStatus.TERMINATED, JobRunStatus.CANCELED)));
    // An attempt starts RUNNING and ends exactly once.
    table(
        AttemptStatus.class,
        Map.of(AttemptStatus.RUNNING, EnumSet.complementOf(EnumSet.of(AttemptStatus.RUNNING))));
    // A LOST node that finds out (its heartbeat is refused) joins again with the same id.
    table(
        NodeStatus.class,
        Map.of(
            NodeStatus.UP, EnumSet.of(NodeStatus.LOST, NodeStatus.STOPPED),
            NodeStatus.LOST, EnumSet.of(NodeStatus.UP)));
    // A login (create, new credentials, a new upload) goes through PENDING; a check moves a
    // stored state between READY and EXPIRED. Nothing is final: any session can be made again.
    table(
        AuthSessionStatus.class,
        Map.of(
            AuthSessionStatus.PENDING,
                EnumSet.of(AuthSessionStatus.READY, AuthSessionStatus.FAILED),
            AuthSessionStatus.READY,
                EnumSet.of(AuthSessionStatus.EXPIRED, AuthSessionStatus.PENDING),
            AuthSessionStatus.EXPIRED,
                EnumSet.of(AuthSessionStatus.READY, AuthSessionStatus.PENDING),
            AuthSessionStatus.FAILED, EnumSet.of(AuthSessionStatus.PENDING)));
    table(
        JobStatus.class,
        Map.of(
            JobStatus.ACTIVE, EnumSet.of(JobStatus.PAUSED),
            JobStatus.PAUSED, EnumSet.of(JobStatus.ACTIVE)));
  }

  private Transitions() {}

  /** Registers the table of one enum; states missing from {@code allowed} are final. */
  static synchronized <S extends Enum<S>> void table(Class<S> type, Map<S, Set<S>> allowed) {
    Map<S, Set<S>> complete = new EnumMap<>(type);
    for (S state : type.getEnumConstants()) {
      complete.put(state, Set.copyOf(allowed.getOrDefault(state, Set.of())));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<?, Set<?>> erased = (Map) complete;
    TABLES.put(type, erased);
  }

  /** Whether an entity in state {@code from} may change to {@code to}. */
  public static <S extends Enum<S>> boolean allowed(S from, S to) {
    return allowedFrom(from).contains(to);
  }

  /** The states {@code from} may change to. */
  @SuppressWarnings("unchecked")
  public static <S extends Enum<S>> Set<S> allowedFrom(S from) {
    Map<?, Set<?>> table = tableOf(from.getDeclaringClass());
    return (Set<S>) table.get(from);
  }

  /** The states that may change to {@code to}: what an UPDATE into {@code to} must require. */
  public static <S extends Enum<S>> Set<S> sourcesOf(S to) {
    Class<S> type = to.getDeclaringClass();
    Set<S> sources = EnumSet.noneOf(type);
    for (S state : type.getEnumConstants()) {
      if (allowed(state, to)) {
        sources.add(state);
      }
    }
    return sources;
  }

  /** A state with no way out. */
  public static <S extends Enum<S>> boolean isFinal(S state) {
    return allowedFrom(state).isEmpty();
  }

  private static synchronized Map<?, Set<?>> tableOf(Class<?> type) {
    Map<?, Set<?>> table = TABLES.get(type);
    if (table == null) {
      throw new IllegalArgumentException("no transition table for " + type.getSimpleName());
    }
    return table;
  }
}
