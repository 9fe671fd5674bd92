package dev.tributary.demo;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One record the demo API sends, with both what is written and what it means, so tests can compute
 * expected totals without parsing JSON.
 *
 * @param id {@code <name>-<k>}, k from 1
 * @param dateText the {@code date} value as written: {@code 2026-11-07}, {@code
 *     2026-11-07T13:45:00Z}, or something unparseable ({@code 07/11/2026}, {@code soon})
 * @param date the calendar day it means; null when {@code dateText} is unparseable
 * @param amountJson the {@code amount} value as written: a {@link BigDecimal} (a JSON number), a
 *     {@link String} (a JSON string), null (JSON null) or {@link #MISSING} (no {@code amount} key)
 * @param amount the amount it means; null when there is none or it is unparseable
 * @param customer {@code c<number>}
 */
public record DemoRecord(
    String id,
    String dateText,
    LocalDate date,
    Object amountJson,
    BigDecimal amount,
    String customer) {

  /** The {@code amountJson} of a record written without an {@code amount} key. */
  public static final Object MISSING = Marker.MISSING;

  private enum Marker {
    MISSING
  }

  /** Whether a correct pipeline keeps this record: it has a day and an amount. */
  public boolean kept() {
    return date != null && amount != null;
  }
}
