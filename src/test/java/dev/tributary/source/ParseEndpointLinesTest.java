package dev.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.Endpoint;
import dev.tributary.model.RunCounts;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseEndpointLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long STARTED = 1_700_000_000_000L;

  @Test
  void aPolledLineBecomesAnEndpointOfItsRound() throws Exception {
    try (OneInputStreamOperatorTestHarness<PolledLine, Endpoint> harness = polled()) {
      harness.processElement(
          PolledLine.of("{\"name\": \"a\", \"url\": \"http://h/a\"}", 2, STARTED), 0);

      assertThat(harness.extractOutputValues())
          .containsExactly(new Endpoint("a", "http://h/a").inRound(2, STARTED));
    }
  }

  @Test
  void aBadPolledLineIsADeadLetterOfItsRound_countedAsAFailedEndpoint() throws Exception {
    try (OneInputStreamOperatorTestHarness<PolledLine, Endpoint> harness = polled()) {
      harness.processElement(PolledLine.of("not json", 3, STARTED), 0);
      harness.processElement(PolledLine.of("   ", 3, STARTED), 0);

      assertThat(harness.extractOutputValues()).isEmpty();
      JsonNode letter =
          JSON.readTree(single(harness.getSideOutput(ParseEndpointLines.DEAD_LETTERS)));
      assertThat(letter.get("type").asText()).isEqualTo("endpoint-line");
      assertThat(letter.get("round").asLong()).isEqualTo(3);
      assertThat(letter.get("reason").asText()).isEqualTo("not a JSON object");
      assertThat(harness.getSideOutput(ParseEndpointLines.RUN_COUNTS))
          .extracting(StreamRecord::getValue)
          .containsExactly(RunCounts.ofBadEndpointLine());
    }
  }

  @Test
  void aRoundWhoseFileCannotBeReadIsOneDeadLetterNamingTheFile() throws Exception {
    try (OneInputStreamOperatorTestHarness<PolledLine, Endpoint> harness = polled()) {
      harness.processElement(PolledLine.unreadable("cannot read the file: gone", 4, STARTED), 0);

      JsonNode letter =
          JSON.readTree(single(harness.getSideOutput(ParseEndpointLines.DEAD_LETTERS)));
      assertThat(letter.get("type").asText()).isEqualTo("endpoint-file");
      assertThat(letter.get("file").asText()).isEqualTo("/data/endpoints.jsonl");
      assertThat(letter.get("round").asLong()).isEqualTo(4);
      assertThat(letter.get("reason").asText()).isEqualTo("cannot read the file: gone");
      assertThat(harness.getSideOutput(ParseEndpointLines.RUN_COUNTS)).hasSize(1);
    }
  }

  @Test
  void aLineReadOnceIsNoPolledEndpoint() throws Exception {
    try (OneInputStreamOperatorTestHarness<String, Endpoint> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(ParseEndpointLines.once())) {
      harness.processElement("{\"name\": \"a\", \"url\": \"http://h/a\"}", 0);
      harness.processElement("[1]", 0);

      assertThat(harness.extractOutputValues()).containsExactly(new Endpoint("a", "http://h/a"));
      JsonNode letter =
          JSON.readTree(single(harness.getSideOutput(ParseEndpointLines.DEAD_LETTERS)));
      assertThat(letter.has("round")).isFalse();
    }
  }

  private static OneInputStreamOperatorTestHarness<PolledLine, Endpoint> polled() throws Exception {
    return ProcessFunctionTestHarnesses.forProcessFunction(
        ParseEndpointLines.polled("/data/endpoints.jsonl"));
  }

  private static String single(java.util.Collection<StreamRecord<String>> records) {
    List<String> values = records.stream().map(StreamRecord::getValue).toList();
    assertThat(values).hasSize(1);
    return values.get(0);
  }
}
