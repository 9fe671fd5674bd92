package dev.tributary.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyTotalTest {
  private static final Instant WRITTEN = Instant.parse("2026-11-30T05:06:07.008Z");

  @Test
  void addsAmountsExactlyAndCountsUp() {
    DailyTotal a = new DailyTotal("2026-11-01", new BigDecimal("0.1"), 1);
    DailyTotal b = new DailyTotal("2026-11-01", new BigDecimal("0.2"), 2);

    DailyTotal sum = a.plus(b);

    assertThat(sum).isEqualTo(new DailyTotal("2026-11-01", new BigDecimal("0.3"), 3));
  }

  @Test
  void addsNegativeAndLargeAmountsWithoutRounding() {
    DailyTotal a = new DailyTotal("2026-11-01", new BigDecimal("99999999999999999999.99"), 5);
    DailyTotal b = new DailyTotal("2026-11-01", new BigDecimal("-0.01"), 1);

    assertThat(a.plus(b).amount()).isEqualTo(new BigDecimal("99999999999999999999.98"));
    assertThat(a.plus(b).count()).isEqualTo(6);
  }

  @Test
  void leavesBothPartsUnchanged() {
    DailyTotal a = new DailyTotal("2026-11-01", new BigDecimal("1.50"), 1);
    DailyTotal b = new DailyTotal("2026-11-01", new BigDecimal("2.25"), 1);

    a.plus(b);

    assertThat(a).isEqualTo(new DailyTotal("2026-11-01", new BigDecimal("1.50"), 1));
    assertThat(b).isEqualTo(new DailyTotal("2026-11-01", new BigDecimal("2.25"), 1));
  }

  @Test
  void writesOneJsonLineStampedWithItsTimeInUtcMillis() {
    assertThat(new DailyTotal("2026-11-01", new BigDecimal("1234.56"), 12).toJsonLine(WRITTEN))
        .isEqualTo(
            "{\"date\":\"2026-11-01\",\"amount\":1234.56,\"count\":12,\"updated_at\":\"2026-11-30T05:06:07.008Z\"}\n");
  }

  @Test
  void writesAmountsInPlainNotationNeverScientific() {
    assertThat(new DailyTotal("2026-11-01", new BigDecimal("1E+3"), 1).toJsonLine(WRITTEN))
        .isEqualTo(
            "{\"date\":\"2026-11-01\",\"amount\":1000,\"count\":1,\"updated_at\":\"2026-11-30T05:06:07.008Z\"}\n");
    assertThat(new DailyTotal("2026-11-01", new BigDecimal("1E-7"), 1).toJsonLine(WRITTEN))
        .isEqualTo(
            "{\"date\":\"2026-11-01\",\"amount\":0.0000001,\"count\":1,\"updated_at\":\"2026-11-30T05:06:07.008Z\"}\n");
  }

  @Test
  void writesNegativeAndZeroAmountsAsTheyAre() {
    assertThat(new DailyTotal("2026-11-02", new BigDecimal("-3.50"), 2).toJsonLine(WRITTEN))
        .isEqualTo(
            "{\"date\":\"2026-11-02\",\"amount\":-3.50,\"count\":2,\"updated_at\":\"2026-11-30T05:06:07.008Z\"}\n");
    assertThat(new DailyTotal("2026-11-02", BigDecimal.ZERO, 0).toJsonLine(WRITTEN))
        .isEqualTo(
            "{\"date\":\"2026-11-02\",\"amount\":0,\"count\":0,\"updated_at\":\"2026-11-30T05:06:07.008Z\"}\n");
  }
}
