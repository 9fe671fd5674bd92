package dev.tributary.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The exact sum and count of the amounts of one calendar date, or a part of them before merging, or
 * a change to them (an amount and a count that may be negative, when a record changed).
 */
public record DailyTotal(String date, BigDecimal amount, long count) {

  public DailyTotal plus(DailyTotal other) {
    return new DailyTotal(date, amount.add(other.amount), count + other.count);
  }

  /**
   * One line of the {@code daily/} output: {@code {"date","amount","count","updated_at"}}, where
   * {@code updated_at} is when the line was written (UTC, to the millisecond).
   */
  public String toJsonLine(Instant updatedAt) {
    return "{\"date\":\""
        + date
        + "\",\"amount\":"
        + amount.toPlainString()
        + ",\"count\":"
        + count
        + ",\"updated_at\":\""
        + Timestamps.utcMillis(updatedAt)
        + "\"}\n";
  }
}
