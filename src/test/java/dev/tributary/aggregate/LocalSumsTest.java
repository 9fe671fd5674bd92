package dev.tributary.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.model.DailyTotal;
import dev.tributary.model.RunCounts;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local pre-aggregation sends each sum on at every point a downstream relies on. */
class LocalSumsTest {
  private OneInputStreamOperatorTestHarness<DailyTotal, DailyTotal> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(LocalSums.ofDailyTotals());
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void holdsPartsUntilAWatermarkThenSendsOneSumPerDateBeforeIt() throws Exception {
    harness.processElement(part("2026-11-01", "1.10", 1), 0);
    harness.processElement(part("2026-11-01", "2.20", 2), 0);
    harness.processElement(part("2026-11-02", "5", 1), 0);
    assertThat(harness.getOutput()).isEmpty();

    harness.processWatermark(new Watermark(Long.MAX_VALUE));

    List<Object> output = List.copyOf(harness.getOutput());
    assertThat(output).hasSize(3);
    assertThat(harness.extractOutputValues())
        .containsExactlyInAnyOrder(part("2026-11-01", "3.30", 3), part("2026-11-02", "5", 1));
    assertThat(output.get(2)).isEqualTo(new Watermark(Long.MAX_VALUE));
  }

  @Test
  void sendsWhatItHoldsBeforeACheckpointBarrier() throws Exception {
    harness.processElement(part("2026-11-03", "7", 1), 0);

    harness.prepareSnapshotPreBarrier(1);

    assertThat(harness.extractOutputValues()).containsExactly(part("2026-11-03", "7", 1));
  }

  @Test
  void sendsWhatItHoldsAtTheEndOfInput() throws Exception {
    harness.processElement(part("2026-11-04", "1", 1), 0);

    harness.endInput();

    assertThat(harness.extractOutputValues()).containsExactly(part("2026-11-04", "1", 1));
  }

  private static DailyTotal part(String date, String amount, long count) {
    return new DailyTotal(date, new BigDecimal(amount), count);
  }

  @Test
  void addsUpTheRunsCountsIntoOne() throws Exception {
    try (OneInputStreamOperatorTestHarness<RunCounts, RunCounts> counts =
        new OneInputStreamOperatorTestHarness<>(LocalSums.ofRunCounts())) {
      counts.open();
      counts.processElement(new RunCounts(1, 1, 0, 2, 1, 10, 9, 1, 2_000, 3_000, 0, 0), 0);
      counts.processElement(new RunCounts(1, 0, 1, 3, 2, 0, 0, 0, 1_500, 2_500, 0, 0), 0);
      counts.processElement(RunCounts.ofBadEndpointLine(), 0);

      counts.endInput();

      assertThat(counts.extractOutputValues())
          .containsExactly(new RunCounts(3, 1, 2, 5, 3, 10, 9, 1, 1_500, 3_000, 0, 0));
    }
  }
}
