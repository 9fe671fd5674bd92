package dev.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private static final long EVERY = 1_000;
  private static final long T0 = 1_700_000_000_000L;
  private final PollSchedule schedule = new PollSchedule(EVERY, 5);

  @Test
  void roundOneStartsAtOnceAndTheScheduleIsLaidFromItsStart() {
    PollSplit first = schedule.start(PollSplit.first(), T0, T0);

    assertThat(first.round()).isEqualTo(1);
    assertThat(first.startedMillis()).isEqualTo(T0);
    assertThat(first.dueMillis()).isEqualTo(T0);
    assertThat(schedule.next(first).dueMillis()).isEqualTo(T0 + EVERY);
  }

  @Test
  void roundKIsDueAtTheFirstStartPlusKMinusOnePeriods() {
    PollSplit round = schedule.start(PollSplit.first(), T0, T0);
    for (long k = 2; k <= 5; k++) {
      PollSplit pending = schedule.next(round);
      long due = T0 + (k - 1) * EVERY;
      assertThat(pending.round()).isEqualTo(k);
      assertThat(pending.dueMillis()).isEqualTo(due);
      assertThat(schedule.isDue(pending, due - 1)).isFalse();
      assertThat(schedule.isDue(pending, due)).isTrue();
      // Emitted well within the period, then started by its timer, a little after the due time.
      round = schedule.start(pending, due - EVERY / 2, due + 3);
      assertThat(round.startedMillis()).isEqualTo(due + 3);
    }
    assertThat(round.lateRounds()).isZero();
    assertThat(round.skippedTimes()).isZero();
  }

  @Test
  void aRoundDueWhileThePreviousIsStillEmitted_startsRightAfterItAndCountsAsLate() {
    PollSplit first = schedule.start(PollSplit.first(), T0, T0);
    long emitted = T0 + EVERY + EVERY / 2;

    PollSplit second = schedule.start(schedule.next(first), emitted, emitted);

    assertThat(second.startedMillis()).isEqualTo(emitted);
    assertThat(second.lateRounds()).isEqualTo(1);
    assertThat(second.skippedTimes()).isZero();
    // The schedule keeps its grid: round 3 is due when it would have been.
    assertThat(schedule.next(second).dueMillis()).isEqualTo(T0 + 2 * EVERY);
  }

  @Test
  void dueTimesThatPassWhileALateRoundWaits_areSkippedNotStacked() {
    PollSplit first = schedule.start(PollSplit.first(), T0, T0);
    long emitted = T0 + 3 * EVERY + EVERY / 2;

    PollSplit second = schedule.start(schedule.next(first), emitted, emitted);

    assertThat(second.round()).isEqualTo(2);
    assertThat(second.lateRounds()).isEqualTo(1);
    assertThat(second.skippedTimes()).isEqualTo(2);
    // One late round, then the next due time after now: never a burst of rounds to catch up.
    PollSplit third = schedule.next(second);
    assertThat(third.dueMillis()).isEqualTo(T0 + 4 * EVERY);
    assertThat(schedule.isDue(third, emitted)).isFalse();
  }

  @Test
  void aRoundReadyBeforeItsDueTime_isNotLateHoweverLateItsTimerFires() {
    PollSplit first = schedule.start(PollSplit.first(), T0, T0);
    PollSplit pending = schedule.next(first);

    PollSplit second = schedule.start(pending, T0 + 10, pending.dueMillis() + 40);

    assertThat(second.lateRounds()).isZero();
  }

  @Test
  void aRoundNotYetDue_cannotStart() {
    PollSplit pending = schedule.next(schedule.start(PollSplit.first(), T0, T0));

    assertThatThrownBy(() -> schedule.start(pending, T0, pending.dueMillis() - 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theRoundNumberedTimesIsTheLast() {
    PollSchedule twice = new PollSchedule(EVERY, 2);
    PollSplit first = twice.start(PollSplit.first(), T0, T0);
    PollSplit second = twice.start(twice.next(first), T0, T0 + EVERY);

    assertThat(twice.isLast(first)).isFalse();
    assertThat(twice.isLast(second)).isTrue();
    assertThatThrownBy(() -> twice.next(second)).isInstanceOf(IllegalStateException.class);
  }
}
