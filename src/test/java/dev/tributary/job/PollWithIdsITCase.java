package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Polling an API whose data changes from round to round, with {@code transform.id}: new records, a
 * changed amount and a record moved to another date move the totals by the difference, and {@code
 * records/} holds each new or changed version once.
 */
class PollWithIdsITCase extends MiniClusterTestBase {
  /** What the API answers in rounds 1, 2 and 3 (its n-th request is round n: nothing fails). */
  private static final List<String> ROUNDS =
      List.of(
          """
          [{"id": "a", "date": "2026-11-01", "amount": "10.00"},
           {"id": "b", "date": "2026-11-01", "amount": "5.00"}]
          """,
          // a as it was; b's amount changed; c new
          """
          [{"id": "a", "date": "2026-11-01", "amount": "10.00"},
           {"id": "b", "date": "2026-11-01", "amount": "7.50"},
           {"id": "c", "date": "2026-11-02", "amount": "3.00"}]
          """,
          // a and b as they were; c moved to another date; d new
          """
          [{"id": "a", "date": "2026-11-01", "amount": "10.00"},
           {"id": "b", "date": "2026-11-01", "amount": "7.50"},
           {"id": "c", "date": "2026-11-03", "amount": "3.00"},
           {"id": "d", "date": "2026-11-02", "amount": "1.25"}]
          """);

  @Test
  void afterThreeRoundsTheTotalsAreThoseOfTheLatestVersionOfEachRecord() throws Exception {
    JobOutput out = pollThreeRounds();

    assertThat(out.currentDailyTotals())
        .isEqualTo(
            Map.of(
                "2026-11-01", "17.5/2", // a 10.00 + b 7.50
                "2026-11-02", "1.25/1", // d; c moved away
                "2026-11-03", "3/1")); // c
  }

  @Test
  void recordsHoldsEachNewOrChangedVersionOnce() throws Exception {
    JobOutput out = pollThreeRounds();

    assertThat(out.records())
        .extracting(r -> r.get("id").asText() + " " + r.get("date").asText() + " " + amount(r))
        .containsExactlyInAnyOrder(
            "a 2026-11-01 10",
            "b 2026-11-01 5",
            "b 2026-11-01 7.5",
            "c 2026-11-02 3",
            "c 2026-11-03 3",
            "d 2026-11-02 1.25");
    JsonNode summary = out.summary();
    assertThat(summary.get("records_kept").asLong()).isEqualTo(6);
    assertThat(summary.get("records_unchanged").asLong()).isEqualTo(3); // a twice, b once
    assertThat(summary.get("round").asLong()).isEqualTo(3);
  }

  private JobOutput pollThreeRounds() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0,
            request -> {
              int round = Math.min(requests.incrementAndGet(), ROUNDS.size());
              return Reply.json(200, ROUNDS.get(round - 1));
            })) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  endpoints: [{name: orders, url: \"" + server.baseUrl() + "/orders\"}]",
                  "  poll: {every: 300ms, times: 3}",
                  "transform: {id: id}",
                  "checkpoint: {every: 100ms}",
                  ""));
      JobRunner.runContinuous(config, environment(2));
      assertThat(requests).as("one request a round").hasValue(3);
    }
    return new JobOutput(dir.resolve("out"));
  }

  private static String amount(JsonNode record) {
    return record.get("amount").decimalValue().stripTrailingZeros().toPlainString();
  }
}
