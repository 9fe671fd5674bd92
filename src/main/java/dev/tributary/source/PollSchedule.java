package dev.tributary.source;

import dev.tributary.config.PollConfig;
import java.io.Serializable;

/**
 * When the rounds of a poll are due, and what happens to a round that is due before the previous
 * one has been emitted. Pure: the time is always given.
 *
 * <p>Round 1 starts at once, at time {@code t0}; round k is due at {@code t0 + (k−1)·every}. A
 * round that is due while the previous one is still being emitted (the fetch stage downstream is
 * full, so the source is back-pressured) is <em>late</em>: it is queued, not stacked on top, and
 * starts as soon as the previous one has been emitted. At most one round ever waits: due times that
 * pass meanwhile are skipped (counted), and the late round takes the last of them as its own, so
 * the rounds after it keep to the same grid of due times. Queueing rather than dropping the late
 * round means a slow round delays its successor, never removes it: every round of {@code times} is
 * fetched, and the data is never older than one round plus the time it takes to emit one.
 */
record PollSchedule(long everyMillis, long times) implements Serializable {

  static PollSchedule of(PollConfig config) {
    return new PollSchedule(config.every().toMillis(), config.times());
  }

  PollSchedule {
    if (everyMillis < 1) throw new IllegalArgumentException("every must be > 0: " + everyMillis);
    if (times < 1) throw new IllegalArgumentException("times must be >= 1: " + times);
  }

  /** Whether {@code split}'s round is the last one. */
  boolean isLast(PollSplit split) {
    return split.round() >= times;
  }

  /** Whether a round not yet started may start at {@code now}. */
  boolean isDue(PollSplit pending, long now) {
    return now >= pending.dueMillis();
  }

  /** The round after {@code finished}, not started, due one period after it was due. */
  PollSplit next(PollSplit finished) {
    if (isLast(finished)) throw new IllegalStateException("no round after " + finished);
    return new PollSplit(
        finished.round() + 1,
        finished.dueMillis() + everyMillis,
        PollSplit.NOT_STARTED,
        0,
        finished.lateRounds(),
        finished.skippedTimes());
  }

  /**
   * Starts a due round at {@code now}.
   *
   * @param readyMillis when the round could first have started: when the previous round had been
   *     emitted, or when the source was restored; a round ready only after its due time is late
   */
  PollSplit start(PollSplit pending, long readyMillis, long now) {
    if (pending.started()) throw new IllegalStateException("already started: " + pending);
    if (pending.dueMillis() == PollSplit.AT_ONCE) {
      return new PollSplit(pending.round(), now, now, 0, pending.lateRounds(), 0);
    }
    if (!isDue(pending, now)) throw new IllegalStateException("not due at " + now + ": " + pending);
    boolean late = readyMillis > pending.dueMillis();
    // Due times that passed while this round waited get no round of their own.
    long skipped = (now - pending.dueMillis()) / everyMillis;
    return new PollSplit(
        pending.round(),
        pending.dueMillis() + skipped * everyMillis,
        now,
        0,
        pending.lateRounds() + (late ? 1 : 0),
        pending.skippedTimes() + skipped);
  }
}
