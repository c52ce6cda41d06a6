package io.drover.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random calendars (seconds fixed at 0) in random zones, DST zones included: the field-jumping
 * search must agree with a brute-force walk over every UTC minute of a year, which converts each
 * minute to local time, checks every field and skips local times already seen (DST overlap).
 */
class CalendarCrossCheckTest {
  private static final List<ZoneId> ZONES =
      List.of(
              "UTC",
              "Europe/Paris",
              "America/New_York",
              "Australia/Sydney",
              "America/Santiago",
              "Australia/Lord_Howe",
              "Asia/Kolkata")
          .stream()
          .map(ZoneId::of)
          .toList();
  private static final Instant WINDOW_START = Instant.parse("2025-12-01T00:00:00Z");
  private static final int MINUTES = 367 * 24 * 60;
  private static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofMinutes(MINUTES));
  private static final int SPECS = 400;
  private static final int FIRES = 5;

  private final Random random = new Random(20261129);
  private final Map<ZoneId, LocalMinutes> minutesByZone = new HashMap<>();

  @Test
  void fieldJumpingSearchAgreesWithBruteForceOverAYear() {
    int specsThatFired = 0;
    int overlapSkips = 0;
    for (int i = 0; i < SPECS; i++) {
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      LocalMinutes minutes = minutesByZone.computeIfAbsent(zone, LocalMinutes::new);
      Start start = randomStart(zone);
      CalendarSpec calendar =
          start.nearTransition() && random.nextBoolean() ? randomMinutes() : randomCalendar();

      BruteForce expected = bruteForce(minutes, calendar, start.index());
      Schedule schedule = Calendars.schedule(zone, calendar);
      List<Instant> actual =
          FireTimes.of(schedule).next(minuteAt(start.index()), FIRES).stream()
              .filter(fire -> fire.isBefore(WINDOW_END))
              .toList();

      assertThat(actual)
          .as("calendar %s in %s after %s", calendar, zone, minuteAt(start.index()))
          .isEqualTo(expected.fires());
      specsThatFired += expected.fires().isEmpty() ? 0 : 1;
      overlapSkips += expected.overlapSkips();
    }
    assertThat(specsThatFired)
        .as("most random calendars fire within a year")
        .isGreaterThan(SPECS / 2);
    assertThat(overlapSkips).as("some fires were decided by the DST overlap rule").isPositive();
  }

  private record BruteForce(List<Instant> fires, int overlapSkips) {}

  private static BruteForce bruteForce(LocalMinutes minutes, CalendarSpec calendar, int start) {
    Tables tables = Tables.of(calendar);
    List<Instant> fires = new ArrayList<>();
    int overlapSkips = 0;
    for (int i = start + 1; i < MINUTES && fires.size() < FIRES; i++) {
      if (tables.matches(minutes.fields[i])) {
        if (minutes.repeated[i]) {
          overlapSkips++;
        } else {
          fires.add(minuteAt(i));
        }
      }
    }
    return new BruteForce(fires, overlapSkips);
  }

  /** The calendar as lookup tables, filled from {@link ValueSet#contains}, the reference. */
  private record Tables(
      boolean[] minute,
      boolean[] hour,
      boolean[] dayOfMonth,
      boolean[] month,
      boolean[] dayOfWeek,
      boolean[] year) {

    static Tables of(CalendarSpec calendar) {
      return new Tables(
          table(calendar.minute(), 60, 0),
          table(calendar.hour(), 24, 0),
          table(calendar.dayOfMonth(), 32, 0),
          table(calendar.month(), 13, 0),
          table(calendar.dayOfWeek(), 7, 0),
          table(calendar.year(), 32, 2000)); // packed as year - 2000
    }

    private static boolean[] table(ValueSet set, int size, int offset) {
      boolean[] table = new boolean[size];
      for (int index = 0; index < size; index++) {
        table[index] = set.contains(offset + index);
      }
      return table;
    }

    boolean matches(int fields) {
      return minute[fields & 63]
          && hour[(fields >> 6) & 31]
          && dayOfMonth[(fields >> 11) & 31]
          && month[(fields >> 16) & 15]
          && dayOfWeek[(fields >> 20) & 7]
          && year[fields >> 23];
    }
  }

  private static Instant minuteAt(int index) {
    return WINDOW_START.plus(Duration.ofMinutes(index));
  }

  /**
   * Each UTC minute of the window as local fields (packed in an int to keep a year of them small),
   * and whether that local time was seen before.
   */
  private static final class LocalMinutes {
    final int[] fields = new int[MINUTES];
    final boolean[] repeated = new boolean[MINUTES];

    LocalMinutes(ZoneId zone) {
      LocalDateTime latest = LocalDateTime.MIN;
      for (int i = 0; i < MINUTES; i++) {
        LocalDateTime local = LocalDateTime.ofInstant(minuteAt(i), zone);
        fields[i] =
            local.getMinute()
                | local.getHour() << 6
                | local.getDayOfMonth() << 11
                | local.getMonthValue() << 16
                | (local.getDayOfWeek().getValue() % 7) << 20
                | (local.getYear() - 2000) << 23;
        repeated[i] = !local.isAfter(latest);
        if (!repeated[i]) {
          latest = local;
        }
      }
    }
  }

  private record Start(int index, boolean nearTransition) {}

  // A third of the starts sit within two hours of a DST transition, where the search is subtle.
  private Start randomStart(ZoneId zone) {
    Start anywhere = new Start(random.nextInt(MINUTES / 2), false);
    if (random.nextInt(3) != 0) {
      return anywhere;
    }
    ZoneOffsetTransition transition = zone.getRules().nextTransition(minuteAt(anywhere.index()));
    if (transition == null
        || !transition.getInstant().isBefore(WINDOW_END.minus(Duration.ofDays(2)))) {
      return anywhere;
    }
    long index = Duration.between(WINDOW_START, transition.getInstant()).toMinutes();
    return new Start((int) (index - 120 + random.nextInt(240)), true);
  }

  // Every day and hour, so the transition itself is exercised, not just approached.
  private CalendarSpec randomMinutes() {
    ValueSet every = ValueSet.every();
    return new CalendarSpec(
        ValueSet.of(0), randomSet(0, 59, 10), every, every, every, every, every, null);
  }

  private CalendarSpec randomCalendar() {
    ValueSet hour =
        random.nextInt(4) == 0 ? randomSet(new int[] {0, 1, 2, 3, 23}) : randomSet(0, 23, 10);
    return new CalendarSpec(
        ValueSet.of(0),
        randomSet(0, 59, 10),
        hour,
        random.nextBoolean() ? ValueSet.every() : randomSet(1, 31, 0),
        random.nextBoolean() ? ValueSet.every() : randomSet(1, 12, 0),
        randomYears(),
        random.nextInt(5) < 3 ? ValueSet.every() : randomSet(0, 6, 0),
        null);
  }

  private ValueSet randomYears() {
    return switch (random.nextInt(10)) {
      case 0 -> ValueSet.of(2026);
      case 1 -> ValueSet.of(2025, 2026);
      case 2 -> ValueSet.of(2027);
      default -> ValueSet.every();
    };
  }

  private ValueSet randomSet(int[] values) {
    int count = 1 + random.nextInt(values.length);
    List<ValueRange> ranges = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ranges.add(ValueRange.single(values[random.nextInt(values.length)]));
    }
    return new ValueSet(ranges);
  }

  /** A random set of one of the forms a calendar field takes; every with that percentage. */
  private ValueSet randomSet(int min, int max, int everyPercent) {
    if (random.nextInt(100) < everyPercent) {
      return ValueSet.every();
    }
    int parts = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(3);
    List<ValueRange> ranges = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      ranges.add(randomRange(min, max));
    }
    return new ValueSet(ranges);
  }

  private ValueRange randomRange(int min, int max) {
    int start = min + random.nextInt(max - min + 1);
    return switch (random.nextInt(3)) {
      case 0 -> ValueRange.single(start);
      case 1 -> new ValueRange(start, start + random.nextInt(max - start + 1), 1);
      default ->
          new ValueRange(start, start + random.nextInt(max - start + 1), 1 + random.nextInt(7));
    };
  }
}
