package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bound on requests in flight holds for the whole job, seen from the server's side. */
class ConcurrencyITCase extends MiniClusterTestBase {
  @ParameterizedTest(name = "concurrency {0} at parallelism {1}")
  @CsvSource({"7, 1", "8, 2", "1, 2"})
  void serverNeverSeesMoreRequestsAtOnceThanTheConcurrency(int concurrency, int parallelism)
      throws Exception {
    Reply slowOk =
        Reply.json(200, "[{\"date\": \"2026-11-01\", \"amount\": 1}]").after(Duration.ofMillis(30));
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> slowOk)) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  range: {count: 120, url: \"" + server.baseUrl() + "/api/ep{i}\"}",
                  "http: {concurrency: " + concurrency + "}",
                  ""));
      StreamExecutionEnvironment env = environment(parallelism);

      RunSummary summary = JobRunner.runBounded(config, env);

      assertThat(summary.counts().success()).isEqualTo(120);
      // The bound is never passed, and the stage does use all of it.
      assertThat(server.peakInFlight()).as("at most the bound").isLessThanOrEqualTo(concurrency);
      assertThat(server.peakInFlight()).as("reaches the bound").isGreaterThanOrEqualTo(concurrency);
      assertThat(new JobOutput(dir.resolve("out")).dailyCounts())
          .containsExactly(java.util.Map.entry("2026-11-01", 120L));
    }
  }
}
