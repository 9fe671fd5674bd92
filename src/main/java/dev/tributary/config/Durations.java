package dev.tributary.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the job file's durations: {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m},
 * {@code 1h}, {@code 7d}.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  /**
   * The longest duration accepted (about 292 years): the longest one whose nanoseconds fit a {@code
   * long}, so that {@link Duration#toNanos()} and {@link Duration#toMillis()} never overflow
   * wherever a parsed duration ends up.
   */
  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000);

  private Durations() {}

  /**
   * A range of durations, {@code low} at most {@code high}.
   *
   * @param low the shorter end
   * @param high the longer end; equal to {@code low} when one duration was given
   */
  public record Range(Duration low, Duration high) {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message saying what is accepted, when the text is not a
   *     duration or is too long
   */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad duration \""
              + Messages.cut(text)
              + "\" (write a number and a unit: 250ms, 10s, 2m, 1h, 7d)");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    BigDecimal millisPerUnit =
        switch (m.group(2)) {
          case "ms" -> BigDecimal.ONE;
          case "s" -> BigDecimal.valueOf(1_000);
          case "m" -> BigDecimal.valueOf(60_000);
          case "h" -> BigDecimal.valueOf(3_600_000);
          default -> BigDecimal.valueOf(86_400_000);
        };
    BigDecimal millis = amount.multiply(millisPerUnit);
    if (millis.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "bad duration \"" + Messages.cut(text) + "\" (finer than a millisecond)");
    }
    if (millis.compareTo(MAX_MILLIS) > 0) {
      throw new IllegalArgumentException("bad duration \"" + Messages.cut(text) + "\" (too long)");
    }
    return Duration.ofMillis(millis.longValueExact());
  }

  /**
   * Parses {@code LOW..HIGH} ({@code 200ms..500ms}), or one duration for both ends. The messages
   * name no key or flag: callers prefix their own.
   *
   * @throws IllegalArgumentException when the text is not such a range, an end is not a usable
   *     duration, or the low end is above the high end
   */
  public static Range parseRange(String text) {
    String[] ends = (text == null ? "" : text).split("\\.\\.", -1);
    if (ends.length > 2
        || !DURATION.matcher(ends[0].trim()).matches()
        || (ends.length == 2 && !DURATION.matcher(ends[1].trim()).matches())) {
      throw new IllegalArgumentException(
          "bad latency \""
              + Messages.cut(text)
              + "\" (write LOW..HIGH or one duration, e.g. 200ms..500ms)");
    }
    // Each end is now well formed, so what parse still refuses (1.5ms, too long) is worth saying.
    Duration low = parse(ends[0]);
    Duration high = ends.length == 2 ? parse(ends[1]) : low;
    if (high.compareTo(low) < 0) {
      throw new IllegalArgumentException(
          "low end " + format(low) + " is above high end " + format(high));
    }
    return new Range(low, high);
  }

  /**
   * Prints a duration the way a user would write it: {@code 250ms}, {@code 10s}, {@code 2m}, {@code
   * 7d}.
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms != 0) return ms / 86_400_000 + "d";
    if (ms % 3_600_000 == 0 && ms != 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms != 0) return ms / 60_000 + "m";
    if (ms % 1_000 == 0 && ms != 0) return ms / 1_000 + "s";
    return ms + "ms";
  }
}
