package dev.tributary.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfter {
  private RetryAfter() {}

  /** The delay asked for, or {@code null} when the header is absent or unreadable. */
  public static Duration parse(String header, Instant now) {
    if (header == null || header.isBlank()) return null;
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);
      return delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
