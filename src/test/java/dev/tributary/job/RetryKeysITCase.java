package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The retry and timeout keys of a job file reach the fetch stage of the running job: what ends in
 * the output and in the dead letters, with which reason.
 */
class RetryKeysITCase extends MiniClusterTestBase {
  private static final String RECORD = "[{\"date\": \"2026-11-01\", \"amount\": 1}]";

  @Test
  void maxRetryAfterTotalTimeoutAnd408DecideEachEndpointsFate() throws Exception {
    LoopbackHttpServer.Responder responder =
        request ->
            switch (request.path()) {
              case "/api/asks-a-moment" ->
                  request.attempt() == 1
                      ? Reply.json(429, "{}").withHeader("Retry-After", "1")
                      : Reply.json(200, RECORD);
              case "/api/request-timeout-once" ->
                  request.attempt() == 1 ? Reply.json(408, "{}") : Reply.json(200, RECORD);
              case "/api/always-overloaded" -> Reply.json(503, "{}");
              default -> Reply.json(404, "{}");
            };
    // A host of its own: asked to wait an hour, it cools down for maxRetryAfter (1m), and the
    // other endpoints would wait with it.
    Reply anHour = Reply.json(429, "{}").withHeader("Retry-After", "3600");
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, responder).recordPaths(true);
        LoopbackHttpServer busy = LoopbackHttpServer.start(0, request -> anHour)) {
      String base = server.baseUrl() + "/api/";
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  endpoints:",
                  "    - {name: hour, url: \"" + busy.baseUrl() + "/api/asks-an-hour\"}",
                  "    - {name: moment, url: \"" + base + "asks-a-moment\"}",
                  "    - {name: timeout408, url: \"" + base + "request-timeout-once\"}",
                  "    - {name: overloaded, url: \"" + base + "always-overloaded\"}",
                  "http:",
                  "  timeout: 1s",
                  "  totalTimeout: 2s",
                  "  attemptHeader: " + LoopbackHttpServer.ATTEMPT_HEADER,
                  "  retry: {maxAttempts: 50, backoff: 100ms, maxBackoff: 100ms, maxRetryAfter: 1m}",
                  ""));

      RunSummary summary = JobRunner.runBounded(config, environment(1));

      Map<String, String> reasons = new TreeMap<>();
      new JobOutput(dir.resolve("out"))
          .deadLetters()
          .forEach(l -> reasons.put(l.get("source").asText(), l.get("reason").asText()));
      assertThat(reasons)
          .containsExactly(
              Map.entry(
                  "hour", "http 429: Retry-After 3600s is longer than retry.maxRetryAfter (1m)"),
              Map.entry("overloaded", "gave up after 2s across all attempts (http.totalTimeout)"));
      assertThat(summary.counts().success()).isEqualTo(2);
      assertThat(busy.requests()).as("asked for an hour: one request").isEqualTo(1);
      assertThat(server.requestsFor("/api/asks-a-moment")).isEqualTo(2);
      assertThat(server.requestsFor("/api/request-timeout-once")).isEqualTo(2);
      assertThat(server.requestsFor("/api/always-overloaded"))
          .as("stopped by the total timeout, not by maxAttempts")
          .isBetween(2, 49);
      assertThat(new JobOutput(dir.resolve("out")).dailyCounts())
          .containsExactly(Map.entry("2026-11-01", 2L));
    }
  }
}
