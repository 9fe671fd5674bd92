package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.RunCounts;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  private static final long JVM_START = 1_700_000_000_000L;

  /** A clock of a JVM started at JVM_START whose other start-up marks were never set. */
  private static StartupClock clock() {
    return new StartupClock(JVM_START);
  }

  /** 1000 endpoints whose first request went out {@code startMillis} after the JVM started. */
  private static RunCounts run(long startMillis, long seconds, long requests) {
    long first = JVM_START + startMillis;
    return new RunCounts(
        1000, 998, 2, requests, 37, 10_000, 8964, 1036, first, first + seconds, 0, 0);
  }

  /** A run whose first request went out 2.5 s after the JVM started and that lasted 7.4 s. */
  private static RunCounts typicalRun() {
    return run(2_500, 7_400, 1006);
  }

  @Test
  void measuresTheRunFromTheFirstRequestToTheLastEndpointSettled() {
    RunSummary summary = RunSummary.from(typicalRun(), clock());

    assertThat(summary.counts().seconds()).isEqualTo(7.4);
    assertThat(summary.startupSeconds()).isEqualTo(2.5);
    assertThat(summary.counts().requestsPerSecond()).isCloseTo(1006 / 7.4, within(1e-9));
  }

  @Test
  void reportsNoTimingWhenNoRequestWasSent() {
    RunSummary summary = RunSummary.from(RunCounts.ofBadEndpointLine(), clock());

    assertThat(summary.counts().seconds()).isZero();
    assertThat(summary.startupSeconds()).isZero();
    assertThat(summary.counts().requestsPerSecond()).isZero();
  }

  @Test
  void closesTheRunWithOneReadableLine() {
    assertThat(RunSummary.from(typicalRun(), clock()).line())
        .isEqualTo(
            "1000 endpoints: 998 ok, 2 failed, 37 retries; 8964 records kept, 1036 dropped; 7.4 s"
                + " (136 req/s)");
  }

  @Test
  void namesTheRoundsOfAPollingRun() {
    RunCounts counts = typicalRun().plus(new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0));

    assertThat(RunSummary.from(counts, clock()).line()).startsWith("3 rounds, 1000 endpoints: ");
  }

  @Test
  void aRunResumedFromACheckpointHasNoStartUpOfItsOwn() {
    RunSummary resumed = RunSummary.from(run(-60_000, 70_000, 1006), clock());

    assertThat(resumed.startupSeconds()).isZero();
    assertThat(resumed.counts().seconds()).isEqualTo(70.0);
  }

  @Test
  void closesAnEmptyRunWithZeros() {
    assertThat(RunSummary.from(RunCounts.NONE, clock()).line())
        .isEqualTo(
            "0 endpoints: 0 ok, 0 failed, 0 retries; 0 records kept, 0 dropped; 0.0 s (0 req/s)");
  }

  @Test
  void writesTheSummaryAsJsonWithExactlyTheDocumentedKeys() throws Exception {
    String text = RunSummary.from(typicalRun(), clock()).toJson();
    JsonNode json = new ObjectMapper().readTree(text);

    assertThat(text).endsWith("\n");
    assertThat(keys(json))
        .containsExactly(
            "endpoints",
            "success",
            "failed",
            "retried",
            "requests",
            "records_in",
            "records_kept",
            "records_dropped",
            "seconds",
            "requests_per_second",
            "startup_seconds",
            "startup",
            "first_request_epoch_millis",
            "last_finished_epoch_millis");
    assertThat(RunCounts.fromJson(json)).isEqualTo(typicalRun());
    assertThat(json.get("seconds").doubleValue()).isEqualTo(7.4);
    assertThat(json.get("startup_seconds").doubleValue()).isEqualTo(2.5);
  }

  @Test
  void roundsRatesAndSecondsInTheJsonToTheMillisecond() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(RunSummary.from(run(1_234, 3_000, 1000), clock()).toJson());

    assertThat(json.get("seconds").doubleValue()).isEqualTo(3.0);
    assertThat(json.get("requests_per_second").doubleValue()).isEqualTo(333.333);
    assertThat(json.get("startup_seconds").doubleValue()).isEqualTo(1.234);
  }

  @Test
  void splitsStartUpIntoJvmJobFileClusterAndDeployment() throws Exception {
    StartupClock clock = new StartupClock(JVM_START);
    long t = System.currentTimeMillis();
    clock.mainEntered();
    clock.jobFileParsed();
    clock.clusterReady();
    RunCounts counts = new RunCounts(1, 1, 0, 1, 0, 0, 0, 0, t + 5_000, t + 6_000, 0, 0);

    RunSummary summary = RunSummary.from(counts, clock);

    StartupClock.Phases phases = summary.startup();
    assertThat(phases.jvm()).isGreaterThan(0);
    assertThat(phases.deploy()).isGreaterThanOrEqualTo(4.9);
    assertThat(summary.startupSeconds()).isCloseTo((t + 5_000 - JVM_START) / 1000.0, within(1e-6));
    JsonNode json = new ObjectMapper().readTree(summary.toJson());
    assertThat(json.get("startup").get("deploy_seconds").doubleValue()).isEqualTo(phases.deploy());
    assertThat(json.get("first_request_epoch_millis").longValue()).isEqualTo(t + 5_000);
    assertThat(json.get("last_finished_epoch_millis").longValue()).isEqualTo(t + 6_000);
  }

  static List<String> keys(JsonNode json) {
    return StreamSupport.stream(((Iterable<String>) json::fieldNames).spliterator(), false)
        .toList();
  }
}
