package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Endpoints read from a file of JSON lines; lines that are no endpoint go to the dead letters. */
class FileSourceITCase extends MiniClusterTestBase {
  @Test
  void readsEndpointsFromAFileAndDeadLettersTheLinesThatAreNoEndpoint() throws Exception {
    Reply body =
        Reply.json(
            200, "{\"items\": [{\"day\": \"2026-11-05\", \"total\": \"2.50\", \"note\": \"x\"}]}");
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> body)) {
      String url = server.baseUrl() + "/api/";
      JobFileFixture.write(
          dir,
          "endpoints.jsonl",
          String.join(
              "\n",
              "{\"name\": \"a\", \"url\": \"" + url + "a\"}",
              "",
              "{\"name\": \"b\", \"url\": \"" + url + "b\"}",
              "not json at all",
              "{\"name\": \"no-url\"}",
              "[1, 2]",
              "{\"name\": \"c\", \"url\": \"" + url + "c\"}",
              ""));
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source: {file: endpoints.jsonl}",
                  "response: {records: /items}",
                  "transform: {date: day, amount: total}",
                  ""));
      StreamExecutionEnvironment env = environment(1);

      RunSummary summary = JobRunner.runBounded(config, env);

      JobOutput out = new JobOutput(dir.resolve("out"));
      assertThat(out.dailyCounts()).isEqualTo(Map.of("2026-11-05", 3L));
      assertThat(out.dailyAmounts())
          .isEqualTo(Map.of("2026-11-05", new java.math.BigDecimal("7.5")));
      List<JsonNode> lines = out.deadLetters();
      assertThat(lines).extracting(l -> l.get("type").asText()).containsOnly("endpoint-line");
      assertThat(lines)
          .extracting(l -> l.get("reason").asText())
          .containsExactlyInAnyOrder("not a JSON object", "url is missing", "not a JSON object");
      assertThat(summary.counts().endpoints()).isEqualTo(6);
      assertThat(summary.counts().success()).isEqualTo(3);
      assertThat(summary.counts().failed()).isEqualTo(3);

      JsonNode record = out.records().get(0);
      assertThat(record.get("date").asText()).isEqualTo("2026-11-05");
      assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("2.50");
      assertThat(record.get("note").asText()).isEqualTo("x");
      assertThat(record.has("day")).isFalse();
      assertThat(record.has("total")).isFalse();
    }
  }

  @Test
  void aSecondRunReplacesTheOutputOfTheFirst() throws Exception {
    Reply body = Reply.json(200, "[{\"date\": \"2026-11-05\", \"amount\": 1}]");
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> body)) {
      JobConfig config =
          JobFileFixture.load(
              dir, "source: {range: {count: 4, url: \"" + server.baseUrl() + "/api/{i}\"}}\n");

      JobRunner.runBounded(config, environment(1));
      JobRunner.runBounded(config, environment(1));

      JobOutput out = new JobOutput(dir.resolve("out"));
      assertThat(out.dailyCounts()).isEqualTo(Map.of("2026-11-05", 4L));
      assertThat(out.records()).hasSize(4);
    }
  }
}
