package dev.tributary.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The times written into output lines: UTC, ISO-8601, to the millisecond. */
public final class Timestamps {
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** {@code 2026-11-30T05:06:07.008Z}. */
  public static String utcMillis(Instant time) {
    return UTC_MILLIS.format(time);
  }
}
