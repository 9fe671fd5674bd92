package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.fetch.FetchFunction;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A polling job whose fetch task fails once in the middle, after checkpoints, and is restarted by
 * Flink from the last one: no record is missing or written twice, and the totals are exact.
 */
class RecoveryITCase extends MiniClusterTestBase {
  private static final int ENDPOINTS = 60;
  private static final int ROUNDS = 3;

  /** In the third round: checkpoints (every 100 ms) have been taken by then. */
  private static final int REQUESTS_BEFORE_FAILING = 2 * ENDPOINTS + ENDPOINTS / 2;

  /** What the server would see if the job had started over instead of restoring a checkpoint. */
  private static final int REQUESTS_IF_STARTED_OVER = REQUESTS_BEFORE_FAILING + ROUNDS * ENDPOINTS;

  private static final String FAILURE = "the test's HTTP client breaks down once";

  // Static: every subtask, and every subtask after the restart, shares them.
  private static final AtomicInteger SENT = new AtomicInteger();
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  @BeforeEach
  void resetTheFailure() {
    SENT.set(0);
    FAILED.set(false);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aTaskThatFailsOnceIsRestartedAndEveryRoundsRecordsAreWrittenOnce() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, RecoveryITCase::reply)) {
      JobConfig config = JobFileFixture.load(dir, job(server, ""));

      runFailingOnce(config);

      assertThat(FAILED).as("the client failed once").isTrue();
      assertThat(server.requests())
          .as("requests: the job went on from a checkpoint, not from the start")
          .isLessThan(REQUESTS_IF_STARTED_OVER);
      JobOutput output = JobOutput.afterRestarts(dir.resolve("out"));
      Map<String, Integer> timesWritten = new HashMap<>();
      for (JsonNode record : output.records()) {
        timesWritten.merge(
            record.get("source").asText() + "/" + record.get("n").asText(), 1, Integer::sum);
      }
      assertThat(timesWritten).hasSize(ENDPOINTS * 2);
      assertThat(timesWritten.values()).containsOnly(ROUNDS);
      assertThat(output.currentDailyTotals())
          .isEqualTo(
              Map.of(
                  "2026-11-01",
                  JobOutput.total("1.10", ROUNDS * ENDPOINTS),
                  "2026-11-02",
                  JobOutput.total("2.25", ROUNDS * ENDPOINTS)));
      assertThat(output.summary().get("endpoints").asLong()).isEqualTo((long) ROUNDS * ENDPOINTS);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void withIdsARestartedTaskWritesEachRecordOnceAndCountsItOnce() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, RecoveryITCase::reply)) {
      JobConfig config = JobFileFixture.load(dir, job(server, "transform: {id: n}\n"));

      runFailingOnce(config);

      assertThat(FAILED).as("the client failed once").isTrue();
      assertThat(server.requests())
          .as("requests: the job went on from a checkpoint, not from the start")
          .isLessThan(REQUESTS_IF_STARTED_OVER);
      JobOutput output = JobOutput.afterRestarts(dir.resolve("out"));
      assertThat(output.records()).hasSize(ENDPOINTS * 2);
      assertThat(output.currentDailyTotals())
          .isEqualTo(
              Map.of(
                  "2026-11-01",
                  JobOutput.total("1.10", ENDPOINTS),
                  "2026-11-02",
                  JobOutput.total("2.25", ENDPOINTS)));
    }
  }

  private void runFailingOnce(JobConfig config) throws Exception {
    StreamExecutionEnvironment env = environment(2);
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    env.configure(restarts);
    JobRunner.runContinuous(
        config,
        new FetchFunction(config.http(), new FailsOnce()),
        env,
        StreamExecutionEnvironment::execute,
        new StartupClock());
  }

  private static String job(LoopbackHttpServer server, String more) {
    return String.join(
        "\n",
        "source:",
        "  range: {count: " + ENDPOINTS + ", url: \"" + server.baseUrl() + "/api/ep{i}\"}",
        "  poll: {every: 200ms, times: " + ROUNDS + "}",
        "http: {concurrency: 4, timeout: 5s}",
        "checkpoint: {every: 100ms}",
        "output: {path: " + "out}",
        more);
  }

  /** Two records per endpoint, the same every round. */
  private static Reply reply(LoopbackHttpServer.Request request) {
    return Reply.json(
            200,
            "[{\"n\": 1, \"date\": \"2026-11-01\", \"amount\": \"1.10\"},"
                + " {\"n\": 2, \"date\": \"2026-11-02\", \"amount\": 2.25}]")
        .after(Duration.ofMillis(10));
  }

  /** Clients that break down once, after some requests of the whole job. */
  private static final class FailsOnce extends BreakingClients {
    private static final long serialVersionUID = 1L;

    FailsOnce() {
      super(FAILURE);
    }

    @Override
    boolean breaksNow() {
      return SENT.incrementAndGet() > REQUESTS_BEFORE_FAILING && FAILED.compareAndSet(false, true);
    }
  }
}
