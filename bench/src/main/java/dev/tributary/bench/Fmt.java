package dev.tributary.bench;

import java.util.Locale;

/** How numbers read in the tables: about three significant digits, thousands separated. */
final class Fmt {
  private Fmt() {}

  /** Seconds or a ratio with about three significant digits: 0.532, 2.15, 35.2, 352. */
  static String sig3(double v) {
    double a = Math.abs(v);
    if (a == 0) return "0";
    if (a < 1) return String.format(Locale.ROOT, "%.3f", v);
    if (a < 10) return String.format(Locale.ROOT, "%.2f", v);
    if (a < 100) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** A count or a rate, whole, with thousands separators: 28,431. */
  static String whole(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** A ratio as a percentage: 64%. */
  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  /** kB as MB: 412 MB. */
  static String megabytes(long kb) {
    return String.format(Locale.ROOT, "%,.0f MB", kb / 1024.0);
  }
}
