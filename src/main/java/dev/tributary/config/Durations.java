package dev.tributary.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the job file's durations: {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message saying what is accepted, when the text is not a duration
   */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad duration \"" + text + "\" (write a number and a unit: 250ms, 10s, 2m, 1h)");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    BigDecimal millisPerUnit =
        switch (m.group(2)) {
          case "ms" -> BigDecimal.ONE;
          case "s" -> BigDecimal.valueOf(1_000);
          case "m" -> BigDecimal.valueOf(60_000);
          default -> BigDecimal.valueOf(3_600_000);
        };
    BigDecimal millis = amount.multiply(millisPerUnit);
    if (millis.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("bad duration \"" + text + "\" (finer than a millisecond)");
    }
    return Duration.ofMillis(millis.longValueExact());
  }

  /** Prints a duration the way a user would write it: {@code 250ms}, {@code 10s}, {@code 2m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms != 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms != 0) return ms / 60_000 + "m";
    if (ms % 1_000 == 0 && ms != 0) return ms / 1_000 + "s";
    return ms + "ms";
  }
}
