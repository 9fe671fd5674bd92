package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole job on a MiniCluster against a real HTTP server on 127.0.0.1 that misbehaves. */
class TributaryJobITCase extends MiniClusterTestBase {
  private static final Duration HANG_LIMIT = Duration.ofSeconds(5);

  @Test
  void everyEndpointAndRecordEndsInTheOutputOrInTheDeadLettersWithItsReason() throws Exception {
    FaultyApi api = new FaultyApi();
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, 2, HANG_LIMIT, api)) {
      JobConfig config = jobAgainst(api, server, 4);

      RunSummary summary = JobRunner.runBounded(config, environment(1));

      JobOutput out = new JobOutput(dir.resolve("out"));
      assertThat(out.dailyAmounts()).isEqualTo(JobOutput.comparable(api.expectedTotals()));
      assertThat(out.dailyCounts()).isEqualTo(api.expectedCounts());

      Map<String, String> failing = FaultyApi.failingEndpoints();
      List<JsonNode> endpointLetters = ofType(out.deadLetters(), "endpoint");
      Map<String, String> reasons = new HashMap<>();
      endpointLetters.forEach(l -> reasons.put(l.get("source").asText(), l.get("reason").asText()));
      assertThat(endpointLetters).hasSize(failing.size());
      failing.forEach((name, reason) -> assertThat(reasons.get(name)).as(name).startsWith(reason));
      assertThat(attemptsOf(endpointLetters))
          .containsEntry("always-500", 3)
          .containsEntry("always-hangs", 3)
          .containsEntry("refused", 3)
          .containsEntry("not-found", 1)
          .containsEntry("malformed", 1)
          .containsEntry("bad-url", 0);

      List<FaultyApi.TestRecord> dropped =
          api.allRecords().stream().filter(r -> !r.kept()).toList();
      List<JsonNode> recordLetters = ofType(out.deadLetters(), "record");
      assertThat(recordLetters.stream().map(l -> l.get("reason").asText()))
          .containsExactlyInAnyOrderElementsOf(
              dropped.stream().map(FaultyApi.TestRecord::dropReason).toList());

      long kept = api.allRecords().stream().filter(FaultyApi.TestRecord::kept).count();
      int endpoints = api.dataByEndpoint().size() + failing.size();
      JsonNode json = out.summary();
      assertThat(json.get("endpoints").asLong()).isEqualTo(endpoints);
      assertThat(json.get("success").asLong()).isEqualTo(api.dataByEndpoint().size());
      assertThat(json.get("failed").asLong()).isEqualTo(failing.size());
      assertThat(json.get("records_kept").asLong()).isEqualTo(kept);
      assertThat(json.get("records_dropped").asLong()).isEqualTo(dropped.size());
      assertThat(json.get("records_in").asLong()).isEqualTo(kept + dropped.size());
      // Retried: three once-failing endpoints once each; three always-failing ones twice each.
      assertThat(json.get("retried").asLong()).isEqualTo(3 + 3 * 2);
      assertThat(json.get("requests").asLong()).isEqualTo(summary.counts().requests());
      assertThat(summary.counts().endpoints()).isEqualTo(endpoints);

      assertThat(out.records()).hasSize((int) kept);
      // A request the client gave up on at its timeout frees its slot at once; the server counts
      // it until the connection's close reaches it, so one of the hanging endpoints may overlap.
      assertThat(server.peakInFlight()).isLessThanOrEqualTo(4 + 1);
      // Retry-After: 1 was honoured: the second attempt came at least a second after the first.
      assertThat(api.arrival("throttled-once", 2) - api.arrival("throttled-once", 1))
          .isGreaterThanOrEqualTo(990);
    }
  }

  private JobConfig jobAgainst(FaultyApi api, LoopbackHttpServer server, int concurrency)
      throws Exception {
    String endpoints =
        api.endpointLines(server.baseUrl(), closedPort()).stream()
            .map(line -> "    - " + line)
            .collect(Collectors.joining("\n"));
    return JobFileFixture.load(
        dir,
        String.join(
            "\n",
            "name: faults",
            "source:",
            "  endpoints:",
            endpoints,
            "http:",
            "  concurrency: " + concurrency,
            "  timeout: 1s",
            "  retry: {maxAttempts: 3, backoff: 50ms}",
            "  attemptHeader: " + LoopbackHttpServer.ATTEMPT_HEADER,
            "response:",
            "  records: /data",
            ""));
  }

  private static List<JsonNode> ofType(List<JsonNode> letters, String type) {
    return letters.stream().filter(l -> l.get("type").asText().equals(type)).toList();
  }

  private static Map<String, Integer> attemptsOf(List<JsonNode> letters) {
    Map<String, Integer> attempts = new HashMap<>();
    letters.forEach(l -> attempts.put(l.get("source").asText(), l.get("attempts").asInt()));
    return attempts;
  }

  /** A port on 127.0.0.1 that nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
