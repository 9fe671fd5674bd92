package dev.tributary.config;

import java.time.Duration;

/**
 * Reads one key's value in a section's factory: the default when it is not given, else the parsed
 * value, or a {@link ConfigException} naming the key.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /** A text that, when given, is not blank. */
  public static String text(String key, String given, String ifAbsent) {
    if (given == null) return ifAbsent;
    if (given.isBlank()) throw new ConfigException(key, "must not be empty");
    return given;
  }

  /** A text that must be given and not blank. */
  public static String required(String key, String given) {
    if (given == null) throw new ConfigException(key, "missing");
    return text(key, given, given);
  }

  /** A duration such as {@code 250ms} or {@code 10s}, read by {@link Durations#parse}. */
  public static Duration duration(String key, String given, Duration ifAbsent) {
    if (given == null) return ifAbsent;
    try {
      return Durations.parse(given);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  /**
   * Checks an interval against the shortest that makes sense for {@code key}.
   *
   * @return {@code interval}
   */
  public static Duration atLeast(String key, Duration interval, Duration shortest) {
    java.util.Objects.requireNonNull(interval, key);
    if (interval.compareTo(shortest) < 0) {
      throw new ConfigException(
          key,
          "must be at least " + Durations.format(shortest) + ", got " + Durations.format(interval));
    }
    return interval;
  }

  /** A size in bytes such as {@code 16MiB}, read by {@link DataSizes#parse}. */
  public static long size(String key, String given, long ifAbsent) {
    if (given == null) return ifAbsent;
    try {
      return DataSizes.parse(given);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }
}
