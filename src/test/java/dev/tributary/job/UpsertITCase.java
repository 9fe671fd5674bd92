package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code transform.id} end to end: records that come back (the same, changed, moved to another
 * date) count once, at their latest version; and without it every record counts.
 */
class UpsertITCase extends MiniClusterTestBase {

  /** One endpoint's body, in order: what a poll that returns records again looks like. */
  private static final String ORDERS =
      """
      [{"id": "a", "date": "2026-11-01", "amount": "10.10"},
       {"id": "b", "date": "2026-11-01", "amount": "5.00"},
       {"id": "a", "date": "2026-11-01", "amount": "10.10"},
       {"id": "c", "date": "2026-11-01", "amount": "3.30"},
       {"id": "b", "date": "2026-11-01", "amount": "7.25"},
       {"id": "c", "date": "2026-11-02", "amount": "3.30"},
       {"date": "2026-11-02", "amount": "9.00"},
       {"id": 5, "date": "2026-11-02", "amount": "1.01"},
       {"id": "5", "date": "2026-11-02", "amount": "1.01"}]
      """;

  /** The same id "a" from another endpoint is another record; f changes a field of its own. */
  private static final String REFUNDS =
      """
      [{"id": "a", "date": "2026-11-01", "amount": "-2.00", "note": "x"},
       {"id": "f", "date": "2026-11-03", "amount": "4", "note": "x"},
       {"id": "f", "date": "2026-11-03", "amount": "4", "note": "y"}]
      """;

  private static final Map<String, String> BODIES = Map.of("/orders", ORDERS, "/refunds", REFUNDS);

  private JobOutput run(String transform) throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0,
            r -> {
              String body = BODIES.get(r.path());
              return body == null ? Reply.json(404, "{}") : Reply.json(200, body);
            })) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  endpoints:",
                  "    - {name: orders, url: \"" + server.baseUrl() + "/orders\"}",
                  "    - {name: refunds, url: \"" + server.baseUrl() + "/refunds\"}",
                  "transform: " + transform,
                  ""));
      JobRunner.runBounded(config, environment(2));
    }
    return new JobOutput(dir.resolve("out"));
  }

  @Test
  void withIdsTheDailyTotalsCountEachRecordOnceAtItsLatestVersion() throws Exception {
    JobOutput out = run("{id: id}");

    // 11-01: a 10.10 + b 7.25 (not 5.00 + 7.25) + refunds' a -2.00; c moved away to 11-02.
    // 11-02: c 3.30 + 5 (the number and the string are one id) 1.01; the record without id is out.
    assertThat(out.dailyAmounts())
        .isEqualTo(
            JobOutput.comparable(
                Map.of(
                    "2026-11-01", new BigDecimal("15.35"),
                    "2026-11-02", new BigDecimal("4.31"),
                    "2026-11-03", new BigDecimal("4"))));
    assertThat(out.dailyCounts())
        .isEqualTo(Map.of("2026-11-01", 3L, "2026-11-02", 2L, "2026-11-03", 1L));
  }

  @Test
  void withIdsRecordsHoldsEachNewOrChangedVersionOnce() throws Exception {
    JobOutput out = run("{id: id}");

    assertThat(out.records())
        .extracting(r -> r.get("source").asText() + " " + r.get("id").asText() + " " + version(r))
        .containsExactlyInAnyOrder(
            "orders a 2026-11-01 10.1",
            "orders b 2026-11-01 5",
            "orders b 2026-11-01 7.25",
            "orders c 2026-11-01 3.3",
            "orders c 2026-11-02 3.3",
            "orders 5 2026-11-02 1.01",
            // The same id, but its line changed ("id":5 became "id":"5"): a new version.
            "orders 5 2026-11-02 1.01",
            "refunds a 2026-11-01 -2 x",
            "refunds f 2026-11-03 4 x",
            "refunds f 2026-11-03 4 y");
  }

  @Test
  void withIdsTheSummaryCountsTheRecordsWrittenAndThoseFetchedAgainUnchanged() throws Exception {
    JobOutput out = run("{id: id}");

    JsonNode summary = out.summary();
    assertThat(summary.get("records_kept").asLong()).isEqualTo(out.records().size());
    // orders' second "a" is the one record that came again exactly as it was.
    assertThat(summary.get("records_unchanged").asLong()).isEqualTo(1);
    assertThat(summary.get("records_in").asLong()).isEqualTo(12);
  }

  @Test
  void withIdsARecordWithoutAnIdIsADeadLetterWithItsReason() throws Exception {
    JobOutput out = run("{id: id}");

    List<JsonNode> letters = out.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).get("type").asText()).isEqualTo("record");
    assertThat(letters.get(0).get("source").asText()).isEqualTo("orders");
    assertThat(letters.get(0).get("reason").asText()).isEqualTo("id \"id\" is missing");
    assertThat(letters.get(0).get("record").get("amount").asText()).isEqualTo("9.00");
    assertThat(out.summary().get("records_dropped").asLong()).isEqualTo(1);
  }

  @Test
  void withoutIdsEveryRecordCountsAndEachDateHasExactlyOneLine() throws Exception {
    JobOutput out = run("{}");

    // dailyAmounts fails on a second line for a date.
    assertThat(out.dailyAmounts())
        .isEqualTo(
            JobOutput.comparable(
                Map.of(
                    "2026-11-01", new BigDecimal("33.75"),
                    "2026-11-02", new BigDecimal("14.32"),
                    "2026-11-03", new BigDecimal("8"))));
    assertThat(out.dailyCounts())
        .isEqualTo(Map.of("2026-11-01", 6L, "2026-11-02", 4L, "2026-11-03", 2L));
    assertThat(out.daily()).hasSize(3);
    assertThat(out.records()).hasSize(12);
  }

  @Test
  void eachDailyLineSaysWhenItWasWritten() throws Exception {
    JobOutput out = run("{id: id}");

    assertThat(out.daily())
        .extracting(line -> line.get("updated_at").asText())
        .allMatch(time -> time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
  }

  /** "date amount", then the note when there is one; the amount without trailing zeros. */
  private static String version(JsonNode record) {
    String amount = record.get("amount").decimalValue().stripTrailingZeros().toPlainString();
    String version = record.get("date").asText() + " " + amount;
    return record.has("note") ? version + " " + record.get("note").asText() : version;
  }
}
