package dev.tributary.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.config.ResponseConfig;
import dev.tributary.config.TransformConfig;
import dev.tributary.model.DailyTotal;
import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import dev.tributary.model.KeptRecord;
import dev.tributary.model.RunCounts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What parsing emits per body: with ids one element per record, without them one per body. */
class ParseResponsesTest {
  private static final String BODY =
      """
      [{"id": "a", "date": "2026-11-01", "amount": 1.10, "customer": "c1"},
       {"id": 7, "date": "2026-11-01", "amount": 2},
       {"date": "2026-11-02", "amount": 3},
       {"id": null, "date": "2026-11-02", "amount": 4},
       {"id": true, "date": "2026-11-02", "amount": 5},
       {"id": "b", "date": "soon", "amount": 6}]
      """;

  private OneInputStreamOperatorTestHarness<FetchResult, byte[]> harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private void parse(TransformConfig transform) throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forProcessFunction(
            new ParseResponses(ResponseConfig.defaults(), transform));
    harness.processElement(
        FetchResult.success(
            new Endpoint("ep1", "http://h/ep1"),
            BODY.getBytes(StandardCharsets.UTF_8),
            1,
            200,
            1,
            2),
        0);
  }

  private <T> List<T> side(OutputTag<T> tag) {
    Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void withIdsEachKeptRecordLeavesAloneWithItsIdAndLine() throws Exception {
    parse(new TransformConfig("date", "amount", "id", null));

    assertThat(harness.extractOutputValues()).as("no per-body lines").isEmpty();
    assertThat(side(ParseResponses.DAILY_PARTS)).as("no partial totals").isEmpty();
    List<KeptRecord> kept = side(ParseResponses.KEPT_RECORDS);
    assertThat(kept)
        .extracting(KeptRecord::source, KeptRecord::id, KeptRecord::date, KeptRecord::amount)
        .containsExactly(
            tuple("ep1", "a", "2026-11-01", new BigDecimal("1.10")),
            tuple("ep1", "7", "2026-11-01", new BigDecimal("2")));
    assertThat(text(kept.get(0).line()))
        .isEqualTo(
            "{\"source\":\"ep1\",\"date\":\"2026-11-01\",\"amount\":1.10,\"id\":\"a\","
                + "\"customer\":\"c1\"}\n");
    assertThat(text(kept.get(1).line()))
        .isEqualTo("{\"source\":\"ep1\",\"date\":\"2026-11-01\",\"amount\":2,\"id\":7}\n");
  }

  @Test
  void withIdsARecordWithoutAUsableIdIsDroppedWithItsReasonAndCounted() throws Exception {
    parse(new TransformConfig("date", "amount", "id", null));

    assertThat(side(ParseResponses.DEAD_LETTERS))
        .extracting(line -> line.replaceAll(".*\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\".*\\n", "$1"))
        .containsExactly(
            "id \\\"id\\\" is missing",
            "id \\\"id\\\" is null",
            "id \\\"id\\\" is not a string or a number: true",
            "date is not an ISO date: \\\"soon\\\"");
    RunCounts counts = side(ParseResponses.RUN_COUNTS).get(0);
    assertThat(counts.recordsIn()).isEqualTo(6);
    assertThat(counts.recordsKept()).isEqualTo(2);
    assertThat(counts.recordsDropped()).isEqualTo(4);
  }

  @Test
  void withoutIdsTheBodyLeavesAsOneElementWithItsPartialTotals() throws Exception {
    parse(TransformConfig.defaults());

    assertThat(side(ParseResponses.KEPT_RECORDS)).isEmpty();
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(text(harness.extractOutputValues().get(0)).split("\n")).hasSize(5);
    assertThat(side(ParseResponses.DAILY_PARTS))
        .containsExactlyInAnyOrder(
            new DailyTotal("2026-11-01", new BigDecimal("3.10"), 2),
            new DailyTotal("2026-11-02", new BigDecimal("12"), 3));
    assertThat(side(ParseResponses.RUN_COUNTS).get(0).recordsDropped()).isEqualTo(1);
  }
}
