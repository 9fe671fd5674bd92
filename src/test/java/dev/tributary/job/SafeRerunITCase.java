package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.fetch.FetchFunction;
import dev.tributary.sink.FolderSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A re-run that fails halfway leaves the previous run's output as it was. */
class SafeRerunITCase extends MiniClusterTestBase {
  private static final int ENDPOINTS = 60;
  private static final int REQUESTS_BEFORE_FAILING = ENDPOINTS / 2;
  private static final String FAILURE = "the test's HTTP client breaks down";

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aReRunThatFailsHalfwayLeavesThePreviousOutputByteForByte() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, SafeRerunITCase::reply)) {
      JobConfig config =
          JobFileFixture.load(
              dir,
              String.join(
                  "\n",
                  "source:",
                  "  range: {count: "
                      + ENDPOINTS
                      + ", url: \""
                      + server.baseUrl()
                      + "/api/ep{i}\"}",
                  "http: {concurrency: 4, timeout: 5s}",
                  ""));
      Path out = dir.resolve("out");
      JobRunner.runBounded(config, environment(1));
      Map<String, String> good = FolderSnapshot.of(out);
      assertThat(good)
          .containsKeys("summary.json", "daily", "records", "dead-letter")
          .hasSizeGreaterThan(4);
      server.resetCounters();

      FetchFunction failing = new FetchFunction(config.http(), new FailsAfter());
      assertThatThrownBy(() -> JobRunner.runBounded(config, failing, environment(1)))
          .hasStackTraceContaining(FAILURE);

      assertThat(server.requests()).isGreaterThanOrEqualTo(REQUESTS_BEFORE_FAILING);
      assertThat(FolderSnapshot.of(out)).isEqualTo(good);
      assertThat(out.resolve(".tributary")).doesNotExist();
    }
  }

  /** Two kept records and one dropped per endpoint; one endpoint is a dead letter. */
  private static Reply reply(LoopbackHttpServer.Request request) {
    if (request.path().equals("/api/ep13")) return Reply.json(404, "{}");
    return Reply.json(
            200,
            "[{\"date\": \"2026-11-01\", \"amount\": 1.5, \"path\": \""
                + request.path()
                + "\"},"
                + " {\"date\": \"2026-11-02\", \"amount\": \"2\"},"
                + " {\"date\": \"2026-11-02\", \"amount\": \"N/A\"}]")
        .after(Duration.ofMillis(10));
  }

  /**
   * Each subtask's client breaks down after {@link #REQUESTS_BEFORE_FAILING} requests: with no
   * checkpoints to restart from, the job fails.
   */
  private static final class FailsAfter extends BreakingClients {
    private static final long serialVersionUID = 1L;
    private final AtomicInteger sent = new AtomicInteger();

    FailsAfter() {
      super(FAILURE);
    }

    @Override
    boolean breaksNow() {
      return sent.incrementAndGet() > REQUESTS_BEFORE_FAILING;
    }
  }
}
