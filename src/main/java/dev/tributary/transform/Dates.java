package dev.tributary.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Reads a record's calendar date from an ISO date or date-time. */
public final class Dates {
  private Dates() {}

  /**
   * The calendar date, or {@code null} when {@code node} is not an ISO date ({@code 2026-11-07}) or
   * date-time ({@code 2026-11-07T13:45:00Z}, with or without offset). A date-time's date is the one
   * written in it, not converted to another zone: the source's own day is what it reports on.
   */
  public static LocalDate parse(JsonNode node) {
    if (node == null || !node.isTextual()) return null;
    String text = node.textValue().trim();
    if (isPlainDate(text)) return dateOf(text);
    try {
      if (text.length() == 10) return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
      if (text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == 't')) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
        return LocalDate.from(parsed);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  /**
   * Whether the text is {@code dddd-dd-dd}: the common case, read without the general formatter,
   * which costs about as much per record as the rest of the record's parsing.
   */
  private static boolean isPlainDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') return false;
    for (int i = 0; i < 10; i++) {
      if (i != 4 && i != 7 && (text.charAt(i) < '0' || text.charAt(i) > '9')) return false;
    }
    return true;
  }

  private static LocalDate dateOf(String plainDate) {
    try {
      return LocalDate.of(
          Integer.parseInt(plainDate, 0, 4, 10),
          Integer.parseInt(plainDate, 5, 7, 10),
          Integer.parseInt(plainDate, 8, 10, 10));
    } catch (DateTimeException e) {
      return null; // 2026-02-30, 2026-13-01
    }
  }

  /** Why {@link #parse} found no date in {@code node}. */
  public static String problemWith(String field, JsonNode node) {
    if (node == null || node.isMissingNode()) return field + " is missing";
    if (node.isNull()) return field + " is null";
    return field + " is not an ISO date: " + Amounts.quoted(node);
  }
}
