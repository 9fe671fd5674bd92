package dev.tributary.cli.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The progress line's text, e.g. {@code tributary: 12,034/50,000 endpoints, 17 failed, 2,310
 * requests/s, round 3, checkpoint 12 (4 s ago)}, and its two forms: rewritten in place on a
 * terminal, one whole line a time elsewhere. Pure functions of the numbers.
 */
final class ProgressText {
  private static final String PREFIX = "tributary: ";

  /**
   * ANSI "erase to the end of the line": a line shorter than the one it rewrites leaves nothing of
   * it behind.
   */
  static final String CLEAR_TO_END = "\u001b[K";

  private static final long SECONDS_PER_MINUTE = 60;
  private static final long SECONDS_PER_HOUR = 3_600;

  private ProgressText() {}

  /**
   * The line's text, without a line break.
   *
   * @param total the number of endpoints of the run, when it is known before the run
   * @param requestsPerSecond requests sent per second over the last interval
   * @param checkpoint the last completed checkpoint, if any
   * @param now the time to tell the checkpoint's age from
   */
  static String of(
      ProgressSnapshot progress,
      Optional<Long> total,
      long requestsPerSecond,
      Optional<CheckpointInfo> checkpoint,
      Instant now) {
    StringBuilder text = new StringBuilder(PREFIX).append(number(progress.endpointsDone()));
    total.ifPresent(t -> text.append('/').append(number(t)));
    text.append(" endpoints, ")
        .append(number(progress.endpointsFailed()))
        .append(" failed, ")
        .append(number(requestsPerSecond))
        .append(" requests/s");
    if (progress.pollRound() > 0) text.append(", round ").append(number(progress.pollRound()));
    checkpoint.ifPresent(
        c ->
            text.append(", checkpoint ")
                .append(c.id())
                .append(" (")
                .append(age(Duration.between(c.completedAt(), now)))
                .append(" ago)"));
    return text.toString();
  }

  /**
   * What to print for {@code text}: on a terminal it rewrites the line in place (and ends it when
   * it is the last); elsewhere, a whole line, so that a file gets no carriage returns.
   */
  static String printed(String text, boolean terminal, boolean last) {
    if (!terminal) return text + System.lineSeparator();
    return "\r" + text + CLEAR_TO_END + (last ? System.lineSeparator() : "");
  }

  /** Requests per second between two counts {@code window} apart; 0 for an empty window. */
  static long requestsPerSecond(long requestsBefore, long requestsNow, Duration window) {
    if (window.isNegative() || window.isZero()) return 0;
    return Math.round((requestsNow - requestsBefore) * 1e9 / window.toNanos());
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 4 s}, {@code 3 min}, {@code 2 h}: whole units, rounded down. */
  private static String age(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < SECONDS_PER_MINUTE) return seconds + " s";
    if (seconds < SECONDS_PER_HOUR) return seconds / SECONDS_PER_MINUTE + " min";
    return seconds / SECONDS_PER_HOUR + " h";
  }
}
