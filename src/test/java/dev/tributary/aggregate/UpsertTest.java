package dev.tributary.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.model.DailyTotal;
import dev.tributary.model.KeptRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A record counts once however often it comes: new, repeated, changed, forgotten. */
class UpsertTest {
  private static final Duration TTL = Duration.ofHours(12);

  private KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, KeptRecord, byte[]>
      harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) harness.close();
  }

  private void start(Duration idTtl) throws Exception {
    harness = newHarness(idTtl);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, KeptRecord, byte[]>
      newHarness(Duration idTtl) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new Upsert(idTtl)), Upsert.KEY, Upsert.KEY_TYPE);
  }

  /** A record of endpoint {@code source} as ParseResponses would make it. */
  private static KeptRecord record(
      String source, String id, String date, String amount, String customer) {
    String line =
        "{\"source\":\""
            + source
            + "\",\"date\":\""
            + date
            + "\",\"amount\":"
            + amount
            + ",\"id\":\""
            + id
            + "\",\"customer\":\""
            + customer
            + "\"}\n";
    return new KeptRecord(
        source, id, date, new BigDecimal(amount), line.getBytes(StandardCharsets.UTF_8));
  }

  private static KeptRecord record(String id, String date, String amount) {
    return record("ep1", id, date, amount, "c1");
  }

  private static DailyTotal delta(String date, String amount, long count) {
    return new DailyTotal(date, new BigDecimal(amount), count);
  }

  private void send(KeptRecord record) throws Exception {
    harness.processElement(record, 0);
  }

  /** The lines let through since the last call, as text; forgets them. */
  private List<String> lines() {
    List<String> lines =
        harness.extractOutputValues().stream()
            .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
            .toList();
    harness.getOutput().clear();
    return lines;
  }

  /** The changes to the daily totals since the last call; forgets them. */
  private List<DailyTotal> deltas() {
    var side = harness.getSideOutput(Upsert.DAILY_DELTAS);
    if (side == null) return List.of();
    List<DailyTotal> deltas = side.stream().map(StreamRecord::getValue).toList();
    side.clear();
    return deltas;
  }

  private static String text(KeptRecord record) {
    return new String(record.line(), StandardCharsets.UTF_8);
  }

  @Test
  void aNewIdIsWrittenAndCountedOnItsDate() throws Exception {
    start(null);
    KeptRecord a = record("a", "2026-11-01", "12.50");

    send(a);

    assertThat(lines()).containsExactly(text(a));
    assertThat(deltas()).containsExactly(delta("2026-11-01", "12.50", 1));
  }

  @Test
  void theSameRecordAgainEmitsNothingAtAll() throws Exception {
    start(null);
    send(record("a", "2026-11-01", "12.50"));
    lines();
    deltas();

    send(record("a", "2026-11-01", "12.50"));
    send(record("a", "2026-11-01", "12.50"));

    assertThat(lines()).isEmpty();
    assertThat(deltas()).isEmpty();
  }

  @Test
  void aChangedAmountMovesItsDateByTheDifferenceOnly() throws Exception {
    start(null);
    send(record("a", "2026-11-01", "12.50"));
    lines();
    deltas();
    KeptRecord changed = record("a", "2026-11-01", "20.00");

    send(changed);

    assertThat(lines()).containsExactly(text(changed));
    assertThat(deltas()).containsExactly(delta("2026-11-01", "7.50", 0));
  }

  @Test
  void aChangedDateTakesTheOldVersionOutOfItsDateAndCountsTheNewOneOnItsOwn() throws Exception {
    start(null);
    send(record("a", "2026-11-01", "12.50"));
    lines();
    deltas();
    KeptRecord moved = record("a", "2026-11-02", "13");

    send(moved);

    assertThat(lines()).containsExactly(text(moved));
    assertThat(deltas())
        .containsExactly(delta("2026-11-01", "-12.50", -1), delta("2026-11-02", "13", 1));
  }

  @Test
  void anotherFieldChangedIsANewLineThatMovesNoTotal() throws Exception {
    start(null);
    send(record("ep1", "a", "2026-11-01", "12.50", "c1"));
    lines();
    deltas();
    KeptRecord renamed = record("ep1", "a", "2026-11-01", "12.50", "c2");

    send(renamed);

    assertThat(lines()).containsExactly(text(renamed));
    assertThat(deltas()).containsExactly(delta("2026-11-01", "0.00", 0));
  }

  @Test
  void theSameIdFromAnotherEndpointIsAnotherRecord() throws Exception {
    start(null);
    send(record("ep1", "a", "2026-11-01", "1", "c1"));
    send(record("ep2", "a", "2026-11-01", "1", "c1"));

    assertThat(lines()).hasSize(2);
    assertThat(deltas()).containsExactly(delta("2026-11-01", "1", 1), delta("2026-11-01", "1", 1));
  }

  @Test
  void theIdsSurviveASnapshotAndRestore() throws Exception {
    start(null);
    send(record("a", "2026-11-01", "12.50"));
    send(record("b", "2026-11-02", "3"));
    OperatorSubtaskState state = harness.snapshot(1, 1);
    harness.close();

    harness = newHarness(null);
    harness.initializeState(state);
    harness.open();
    send(record("a", "2026-11-01", "12.50"));
    send(record("b", "2026-11-02", "4"));

    assertThat(lines()).containsExactly(text(record("b", "2026-11-02", "4")));
    assertThat(deltas()).containsExactly(delta("2026-11-02", "1", 0));
  }

  @Test
  void anIdNotSeenForTheTtlIsForgottenAndCountsAsNewAgain() throws Exception {
    start(TTL);
    harness.setStateTtlProcessingTime(0);
    send(record("a", "2026-11-01", "12.50"));
    lines();
    deltas();

    harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
    send(record("a", "2026-11-01", "12.50"));

    assertThat(lines()).hasSize(1);
    assertThat(deltas()).containsExactly(delta("2026-11-01", "12.50", 1));
  }

  @Test
  void seeingAnIdAgainKeepsItRememberedForAnotherTtl() throws Exception {
    start(TTL);
    long ttl = TTL.toMillis();
    harness.setStateTtlProcessingTime(0);
    send(record("a", "2026-11-01", "12.50"));
    lines();
    deltas();

    harness.setStateTtlProcessingTime(ttl - 1);
    send(record("a", "2026-11-01", "12.50"));
    harness.setStateTtlProcessingTime(2 * ttl - 2);
    send(record("a", "2026-11-01", "12.50"));

    assertThat(lines()).isEmpty();
    assertThat(deltas()).isEmpty();
  }

  @Test
  void withoutATtlAnIdIsRememberedForEver() throws Exception {
    start(null);
    harness.setStateTtlProcessingTime(0);
    send(record("a", "2026-11-01", "12.50"));
    lines();
    deltas();

    harness.setStateTtlProcessingTime(Long.MAX_VALUE / 2);
    send(record("a", "2026-11-01", "12.50"));

    assertThat(lines()).isEmpty();
  }

  @Test
  void keepsOneStateEntryPerIdWhateverItsVersionsAndNoTimers() throws Exception {
    start(null);
    send(record("a", "2026-11-01", "1"));
    send(record("a", "2026-11-02", "2"));
    send(record("a", "2026-11-02", "2"));
    send(record("b", "2026-11-01", "1"));

    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void expiredIdsAreLeftOutOfTheNextSnapshot() throws Exception {
    start(TTL);
    harness.setStateTtlProcessingTime(0);
    send(record("a", "2026-11-01", "1"));
    harness.setStateTtlProcessingTime(TTL.toMillis() / 2);
    send(record("b", "2026-11-01", "1"));

    harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
    OperatorSubtaskState state = harness.snapshot(1, 1);
    harness.close();
    harness = newHarness(TTL);
    harness.initializeState(state);
    harness.open();

    assertThat(harness.numKeyedStateEntries()).as("only b is left").isEqualTo(1);
  }
}
