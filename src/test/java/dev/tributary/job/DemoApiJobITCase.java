package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.DemoData;
import dev.tributary.demo.DemoFaults;
import dev.tributary.demo.DemoFaults.Fault;
import dev.tributary.demo.DemoRecord;
import dev.tributary.demo.FaultRates;
import dev.tributary.demo.LoopbackHttpServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The job against the built-in demo API with every fault switched on, at parallelism 2: what must
 * happen to each endpoint is computed from the API's seeded model, independently of the job.
 */
class DemoApiJobITCase extends MiniClusterTestBase {
  private static final int ENDPOINTS = 300;
  private static final int MAX_ATTEMPTS = 3;
  private static final int CONCURRENCY = 20;
  private static final FaultRates FAULTS = new FaultRates(0.05, 0.08, 0.03, 0.02, 0.02);

  @Test
  void totalsAndFailuresMatchTheSeededApiExactly() throws Exception {
    DemoApiOptions options =
        new DemoApiOptions(
            0,
            Duration.ofMillis(5),
            Duration.ofMillis(40),
            7,
            FAULTS,
            Duration.ofSeconds(5),
            false);
    try (LoopbackHttpServer server = DemoApi.start(options)) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  range: {count: "
                      + ENDPOINTS
                      + ", name: \"ep{i}\", url: \""
                      + server.baseUrl()
                      + "/api/ep{i}\"}",
                  "http:",
                  "  concurrency: " + CONCURRENCY,
                  "  timeout: 1s",
                  "  retry: {maxAttempts: " + MAX_ATTEMPTS + ", backoff: 10ms, maxBackoff: 100ms}",
                  "  attemptHeader: " + LoopbackHttpServer.ATTEMPT_HEADER,
                  ""));
      StreamExecutionEnvironment env = environment(2);

      JobRunner.runBounded(config, env);

      Expected expected = expected(options);
      JobOutput out = new JobOutput(dir.resolve("out"));
      assertThat(out.dailyAmounts()).isEqualTo(JobOutput.comparable(expected.totals));
      assertThat(out.dailyCounts()).isEqualTo(expected.counts);

      Map<String, String> reasons = new HashMap<>();
      out.deadLetters().stream()
          .filter(l -> l.get("type").asText().equals("endpoint"))
          .forEach(l -> reasons.put(l.get("source").asText(), l.get("reason").asText()));
      assertThat(reasons).hasSameSizeAs(expected.failures);
      expected.failures.forEach(
          (name, reason) -> assertThat(reasons.get(name)).as(name).startsWith(reason));

      JsonNode summary = out.summary();
      assertThat(summary.get("endpoints").asInt()).isEqualTo(ENDPOINTS);
      assertThat(summary.get("failed").asInt()).isEqualTo(expected.failures.size());
      assertThat(summary.get("requests").asLong()).isEqualTo(expected.requests);
      assertThat(summary.get("retried").asLong()).isEqualTo(expected.requests - (ENDPOINTS));
      assertThat(summary.get("records_kept").asLong())
          .isEqualTo(expected.counts.values().stream().mapToLong(Long::longValue).sum());
      assertThat(server.peakInFlight()).isLessThanOrEqualTo(CONCURRENCY);
      assertThat(server.requests()).isEqualTo(expected.requests);
    }
  }

  /** What a correct run must produce, from the API's model alone. */
  private record Expected(
      Map<String, BigDecimal> totals,
      Map<String, Long> counts,
      Map<String, String> failures,
      long requests) {}

  private static Expected expected(DemoApiOptions options) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    Map<String, Long> counts = new TreeMap<>();
    Map<String, String> failures = new HashMap<>();
    long requests = 0;
    for (int i = 0; i < ENDPOINTS; i++) {
      String name = "ep" + i;
      Fault last = null;
      int attempt = 0;
      while (attempt < MAX_ATTEMPTS) {
        attempt++;
        last = DemoFaults.faultFor(options, name, attempt);
        if (last == Fault.NONE || last.isPermanent()) break;
      }
      requests += attempt;
      switch (last) {
        case NONE -> {
          for (DemoRecord r : DemoData.records(options.seed(), name)) {
            if (!r.kept()) continue;
            totals.merge(r.date().toString(), r.amount(), BigDecimal::add);
            counts.merge(r.date().toString(), 1L, Long::sum);
          }
        }
        case NOT_FOUND -> failures.put(name, "http 404");
        case MALFORMED -> failures.put(name, "malformed body");
        case THROTTLE -> failures.put(name, "http 429");
        case ERROR -> failures.put(name, "http 503");
        case HANG -> failures.put(name, "timeout after 1s");
      }
    }
    return new Expected(totals, counts, failures, requests);
  }
}
