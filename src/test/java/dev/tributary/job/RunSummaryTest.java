package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.RunCounters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  private static final long JVM_START = 1_700_000_000_000L;

  /** A clock of a JVM started at JVM_START whose other start-up marks were never set. */
  private static StartupClock clock() {
    return new StartupClock(JVM_START);
  }

  /**
   * A run of 1000 endpoints whose first request went out 2.5 s after the JVM started and lasted 7.4
   * s.
   */
  private static Map<String, Object> typicalRun() {
    Map<String, Object> acc = new HashMap<>();
    acc.put(RunCounters.ENDPOINTS, 1000);
    acc.put(RunCounters.SUCCESS, 998);
    acc.put(RunCounters.FAILED, 2);
    acc.put(RunCounters.RETRIED, 37);
    acc.put(RunCounters.REQUESTS, 1006L);
    acc.put(RunCounters.RECORDS_IN, 10_000L);
    acc.put(RunCounters.RECORDS_KEPT, 8964L);
    acc.put(RunCounters.RECORDS_DROPPED, 1036L);
    acc.put(RunCounters.FIRST_REQUEST_MILLIS, JVM_START + 2_500);
    acc.put(RunCounters.LAST_FINISHED_MILLIS, JVM_START + 2_500 + 7_400);
    return acc;
  }

  @Test
  void readsEachCountFromItsAccumulator() {
    RunSummary summary = RunSummary.from(typicalRun(), clock());

    assertThat(summary.endpoints()).isEqualTo(1000);
    assertThat(summary.success()).isEqualTo(998);
    assertThat(summary.failed()).isEqualTo(2);
    assertThat(summary.retried()).isEqualTo(37);
    assertThat(summary.requests()).isEqualTo(1006);
    assertThat(summary.recordsIn()).isEqualTo(10_000);
    assertThat(summary.recordsKept()).isEqualTo(8964);
    assertThat(summary.recordsDropped()).isEqualTo(1036);
  }

  @Test
  void measuresTheRunFromTheFirstRequestToTheLastEndpointSettled() {
    RunSummary summary = RunSummary.from(typicalRun(), clock());

    assertThat(summary.seconds()).isEqualTo(7.4);
    assertThat(summary.startupSeconds()).isEqualTo(2.5);
  }

  @Test
  void dividesRequestsByTheRunsSeconds() {
    RunSummary summary = RunSummary.from(typicalRun(), clock());

    assertThat(summary.requestsPerSecond()).isCloseTo(1006 / 7.4, within(1e-9));
  }

  @Test
  void countsAbsentAccumulatorsAsZero() {
    RunSummary summary = RunSummary.from(Map.of(), clock());

    assertThat(summary)
        .isEqualTo(
            new RunSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new StartupClock.Phases(0, 0, 0, 0)));
    assertThat(summary.requestsPerSecond()).isZero();
  }

  @Test
  void reportsNoTimingWhenNoRequestWasSent() {
    Map<String, Object> acc = typicalRun();
    acc.remove(RunCounters.FIRST_REQUEST_MILLIS);
    acc.remove(RunCounters.LAST_FINISHED_MILLIS);

    RunSummary summary = RunSummary.from(acc, clock());

    assertThat(summary.seconds()).isZero();
    assertThat(summary.startupSeconds()).isZero();
    assertThat(summary.requestsPerSecond()).isZero();
    assertThat(summary.endpoints()).isEqualTo(1000);
  }

  @Test
  void reportsNoTimingWhenOnlyOneEndOfTheRunIsKnown() {
    Map<String, Object> onlyFirst = typicalRun();
    onlyFirst.remove(RunCounters.LAST_FINISHED_MILLIS);
    Map<String, Object> onlyLast = typicalRun();
    onlyLast.remove(RunCounters.FIRST_REQUEST_MILLIS);

    assertThat(RunSummary.from(onlyFirst, clock()).seconds()).isZero();
    assertThat(RunSummary.from(onlyFirst, clock()).startupSeconds()).isZero();
    assertThat(RunSummary.from(onlyLast, clock()).seconds()).isZero();
    assertThat(RunSummary.from(onlyLast, clock()).startupSeconds()).isZero();
  }

  @Test
  void neverReportsNegativeDurations() {
    Map<String, Object> acc = typicalRun();
    acc.put(RunCounters.FIRST_REQUEST_MILLIS, JVM_START - 1_000);
    acc.put(RunCounters.LAST_FINISHED_MILLIS, JVM_START - 2_000);

    RunSummary summary = RunSummary.from(acc, clock());

    assertThat(summary.seconds()).isZero();
    assertThat(summary.startupSeconds()).isZero();
    assertThat(summary.requestsPerSecond()).isZero();
  }

  @Test
  void ignoresAccumulatorValuesThatAreNotNumbers() {
    Map<String, Object> acc = typicalRun();
    acc.put(RunCounters.FAILED, "2");

    assertThat(RunSummary.from(acc, clock()).failed()).isZero();
  }

  @Test
  void closesTheRunWithOneReadableLine() {
    assertThat(RunSummary.from(typicalRun(), clock()).line())
        .isEqualTo(
            "1000 endpoints: 998 ok, 2 failed, 37 retries; 8964 records kept, 1036 dropped; 7.4 s (136 req/s)");
  }

  @Test
  void closesAnEmptyRunWithZeros() {
    assertThat(RunSummary.from(Map.of(), clock()).line())
        .isEqualTo(
            "0 endpoints: 0 ok, 0 failed, 0 retries; 0 records kept, 0 dropped; 0.0 s (0 req/s)");
  }

  @Test
  void writesTheSummaryAsJsonWithExactlyTheDocumentedKeys() throws Exception {
    String text = RunSummary.from(typicalRun(), clock()).toJson();
    JsonNode json = new ObjectMapper().readTree(text);

    assertThat(text).endsWith("\n");
    List<String> keys =
        StreamSupport.stream(((Iterable<String>) json::fieldNames).spliterator(), false).toList();
    assertThat(keys)
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
    assertThat(json.get("endpoints").longValue()).isEqualTo(1000);
    assertThat(json.get("success").longValue()).isEqualTo(998);
    assertThat(json.get("failed").longValue()).isEqualTo(2);
    assertThat(json.get("retried").longValue()).isEqualTo(37);
    assertThat(json.get("requests").longValue()).isEqualTo(1006);
    assertThat(json.get("records_in").longValue()).isEqualTo(10_000);
    assertThat(json.get("records_kept").longValue()).isEqualTo(8964);
    assertThat(json.get("records_dropped").longValue()).isEqualTo(1036);
    assertThat(json.get("seconds").doubleValue()).isEqualTo(7.4);
    assertThat(json.get("startup_seconds").doubleValue()).isEqualTo(2.5);
  }

  @Test
  void roundsRatesAndSecondsInTheJsonToTheMillisecond() throws Exception {
    Map<String, Object> acc = typicalRun();
    acc.put(RunCounters.FIRST_REQUEST_MILLIS, JVM_START + 1_234);
    acc.put(RunCounters.LAST_FINISHED_MILLIS, JVM_START + 1_234 + 3_000);
    acc.put(RunCounters.REQUESTS, 1000L);

    JsonNode json = new ObjectMapper().readTree(RunSummary.from(acc, clock()).toJson());

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
    Map<String, Object> acc = typicalRun();
    acc.put(RunCounters.FIRST_REQUEST_MILLIS, t + 5_000);
    acc.put(RunCounters.LAST_FINISHED_MILLIS, t + 6_000);

    RunSummary summary = RunSummary.from(acc, clock);

    StartupClock.Phases phases = summary.startup();
    assertThat(phases.jvm()).isGreaterThan(0);
    assertThat(phases.deploy()).isGreaterThanOrEqualTo(4.9);
    assertThat(summary.startupSeconds()).isCloseTo((t + 5_000 - JVM_START) / 1000.0, within(1e-6));
    JsonNode json = new ObjectMapper().readTree(summary.toJson());
    assertThat(json.get("startup").get("deploy_seconds").doubleValue()).isEqualTo(phases.deploy());
    assertThat(json.get("first_request_epoch_millis").longValue()).isEqualTo(t + 5_000);
    assertThat(json.get("last_finished_epoch_millis").longValue()).isEqualTo(t + 6_000);
  }
}
