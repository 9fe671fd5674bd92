package dev.tributary.model;

import java.math.BigDecimal;

/**
 * The exact sum and count of the amounts of one calendar date (or of a part of them, before
 * merging).
 */
public record DailyTotal(String date, BigDecimal amount, long count) {

  public DailyTotal plus(DailyTotal other) {
    return new DailyTotal(date, amount.add(other.amount), count + other.count);
  }

  /** One line of the {@code daily/} output. */
  public String toJsonLine() {
    return "{\"date\":\""
        + date
        + "\",\"amount\":"
        + amount.toPlainString()
        + ",\"count\":"
        + count
        + "}\n";
  }
}
