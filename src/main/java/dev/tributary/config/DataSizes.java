package dev.tributary.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the job file's sizes in bytes: {@code 512KiB}, {@code 16MiB}, {@code 1GiB}, or
 * a plain number of bytes ({@code 1000}, {@code 1000B}).
 */
public final class DataSizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB|TiB)?", Pattern.CASE_INSENSITIVE);

  private static final long KIB = 1024;
  private static final long MIB = KIB * 1024;
  private static final long GIB = MIB * 1024;
  private static final long TIB = GIB * 1024;

  private DataSizes() {}

  /**
   * Parses a size.
   *
   * @throws IllegalArgumentException with a message saying what is accepted, when the text is not a
   *     size, is not a whole number of bytes, or does not fit a {@code long}
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad size \""
              + Messages.cut(text)
              + "\" (write a number and a unit: 512KiB, 16MiB, 1GiB, or bytes)");
    }
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long bytesPerUnit =
        switch (unit) {
          case "KIB" -> KIB;
          case "MIB" -> MIB;
          case "GIB" -> GIB;
          case "TIB" -> TIB;
          default -> 1;
        };
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(bytesPerUnit));
    if (bytes.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "bad size \"" + Messages.cut(text) + "\" (not a whole number of bytes)");
    }
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("bad size \"" + Messages.cut(text) + "\" (too large)");
    }
    return bytes.longValueExact();
  }

  /**
   * Prints a size the way a user would write it: {@code 16 MiB}, {@code 512 KiB}, {@code 100 B}.
   */
  public static String format(long bytes) {
    if (bytes >= TIB && bytes % TIB == 0) return bytes / TIB + " TiB";
    if (bytes >= GIB && bytes % GIB == 0) return bytes / GIB + " GiB";
    if (bytes >= MIB && bytes % MIB == 0) return bytes / MIB + " MiB";
    if (bytes >= KIB && bytes % KIB == 0) return bytes / KIB + " KiB";
    return bytes + " B";
  }
}
