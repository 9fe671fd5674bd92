package dev.tributary.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.model.DailyTotal;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The running daily totals: one line per changed date per checkpoint, and at end of input. */
class DailyTotalsTest {
  private KeyedOneInputStreamOperatorTestHarness<String, DailyTotal, DailyTotal> harness;

  @BeforeEach
  void start() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, DailyTotal, DailyTotal> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new DailyTotals(), DailyTotal::date, TypeInformation.of(String.class));
  }

  private static DailyTotal part(String date, String amount, long count) {
    return new DailyTotal(date, new BigDecimal(amount), count);
  }

  private void send(DailyTotal part) throws Exception {
    harness.processElement(part, 0);
  }

  /** What the operator has sent since the last call, and forgets it. */
  private List<DailyTotal> sent() {
    List<DailyTotal> values = harness.extractOutputValues();
    harness.getOutput().clear();
    return values;
  }

  private void checkpoint(long id) throws Exception {
    harness.prepareSnapshotPreBarrier(id);
    harness.snapshot(id, id);
  }

  @Test
  void severalUpdatesOfOneDateBetweenTwoCheckpointsGiveOneLine() throws Exception {
    send(part("2026-11-01", "1.10", 1));
    send(part("2026-11-01", "2.00", 2));
    send(part("2026-11-01", "-0.10", -1));

    assertThat(sent()).as("nothing before the barrier").isEmpty();
    harness.prepareSnapshotPreBarrier(1);

    assertThat(sent()).containsExactly(part("2026-11-01", "3.00", 2));
  }

  @Test
  void aDateUnchangedSinceTheLastCheckpointGivesNoLine() throws Exception {
    send(part("2026-11-01", "1", 1));
    send(part("2026-11-02", "2", 1));
    checkpoint(1);
    sent();

    send(part("2026-11-02", "3", 1));
    checkpoint(2);

    assertThat(sent()).containsExactly(part("2026-11-02", "5", 2));
    checkpoint(3);
    assertThat(sent()).as("nothing changed since checkpoint 2").isEmpty();
  }

  @Test
  void endOfInputSendsEachChangedDateOnce() throws Exception {
    send(part("2026-11-01", "1", 1));
    send(part("2026-11-02", "2", 1));
    send(part("2026-11-01", "4", 1));

    harness.endInput();

    assertThat(sent())
        .containsExactlyInAnyOrder(part("2026-11-01", "5", 2), part("2026-11-02", "2", 1));
  }

  @Test
  void endOfInputAfterACheckpointSendsOnlyWhatChangedSince() throws Exception {
    send(part("2026-11-01", "1", 1));
    send(part("2026-11-02", "2", 1));
    checkpoint(1);
    sent();
    send(part("2026-11-01", "1", 1));

    harness.endInput();

    assertThat(sent()).containsExactly(part("2026-11-01", "2", 2));
  }

  @Test
  void aDateWhoseCountFallsToZeroStillGetsItsLine() throws Exception {
    send(part("2026-11-01", "7.50", 1));
    checkpoint(1);
    sent();

    send(part("2026-11-01", "-7.50", -1));
    checkpoint(2);

    assertThat(sent()).containsExactly(part("2026-11-01", "0.00", 0));
  }

  @Test
  void aRestoreKeepsTheTotalsAndSendsNothingByItself() throws Exception {
    send(part("2026-11-01", "1.10", 1));
    send(part("2026-11-02", "2", 1));
    harness.prepareSnapshotPreBarrier(1);
    OperatorSubtaskState state = harness.snapshot(1, 1);
    harness.close();

    harness = newHarness();
    harness.initializeState(state);
    harness.open();
    harness.endInput();
    assertThat(sent()).as("no date changed since the restore").isEmpty();

    send(part("2026-11-01", "0.90", 1));
    harness.endInput();
    assertThat(sent()).containsExactly(part("2026-11-01", "2.00", 2));
  }

  @Test
  void keepsOneStateEntryPerDateAndNoTimers() throws Exception {
    send(part("2026-11-01", "1", 1));
    send(part("2026-11-02", "1", 1));
    send(part("2026-11-01", "1", 1));
    harness.endInput();

    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }
}
