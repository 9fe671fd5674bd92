package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Exchange;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-host politeness through the whole job, seen from the servers' side: two servers on 127.0.0.1
 * are two hosts, and each records when it read and answered every request ({@link ServerLog}).
 * Orderings and counts are asserted, and the gaps the client must keep; never how long a run took.
 */
class PolitenessITCase extends MiniClusterTestBase {
  private static final String DATE = "2026-11-01";
  private static final String BODY = "[{\"date\": \"" + DATE + "\", \"amount\": 1}]";

  /** Requests a server reads from a fresh client before their arrivals follow their sending. */
  private static final int COLD_START_REQUESTS = 5;

  /** Clock granularity between the server's timestamps and the client's timer. */
  private static final Duration SLACK = Duration.ofMillis(20);

  @ParameterizedTest(name = "at parallelism {0}")
  @ValueSource(ints = {1, 2})
  void eachHostGetsAtMostItsConcurrencyWhileBothAreServedAtOnce(int parallelism) throws Exception {
    Reply slowOk = Reply.json(200, BODY).after(Duration.ofMillis(50));
    try (LoopbackHttpServer a = LoopbackHttpServer.start(0, request -> slowOk);
        LoopbackHttpServer b = LoopbackHttpServer.start(0, request -> slowOk)) {
      ServerLog logA = ServerLog.of(a);
      ServerLog logB = ServerLog.of(b);
      JobConfig config =
          load(
              endpoints(interleaved(a, b, 60)),
              "http: {concurrency: 20, perHost: {concurrency: 3}}");

      RunSummary summary = JobRunner.runBounded(config, environment(parallelism));

      SoftAssertions softly = new SoftAssertions();
      softly.assertThat(a.peakInFlight()).as("A: at most its concurrency").isLessThanOrEqualTo(3);
      softly.assertThat(b.peakInFlight()).as("B: at most its concurrency").isLessThanOrEqualTo(3);
      softly
          .assertThat(a.peakInFlight())
          .as("A: reaches its concurrency")
          .isGreaterThanOrEqualTo(3);
      softly
          .assertThat(b.peakInFlight())
          .as("B: reaches its concurrency")
          .isGreaterThanOrEqualTo(3);
      softly
          .assertThat(ServerLog.peakInFlight(Long.MIN_VALUE, Long.MAX_VALUE, List.of(logA, logB)))
          .as("A and B served at once: more in flight over both than one host may have")
          .isGreaterThan(3);
      softly.assertThat(summary.counts().success()).as("endpoints ok").isEqualTo(120);
      softly.assertThat(summary.counts().failed()).as("endpoints failed").isZero();
      softly.assertThat(deadLetters()).as("dead letters").isZero();
      softly
          .assertThat(new JobOutput(dir.resolve("out")).dailyCounts())
          .as("daily totals")
          .containsExactly(Map.entry(DATE, 120L));
      softly.assertAll();
    }
  }

  @Test
  void aHostWithARateGetsNoMoreThanItInAnySecondWhileAnotherHostIsNotHeldBack() throws Exception {
    Reply ok = Reply.json(200, BODY);
    Reply slowOk = ok.after(Duration.ofMillis(20));
    try (LoopbackHttpServer a = LoopbackHttpServer.start(0, request -> ok);
        LoopbackHttpServer b = LoopbackHttpServer.start(0, request -> slowOk)) {
      ServerLog logA = ServerLog.of(a);
      ServerLog logB = ServerLog.of(b);
      List<String> endpoints = new ArrayList<>(interleaved(a, b, 40));
      for (int i = 40; i < 80; i++) endpoints.add(endpoint(a, "a", i));
      JobConfig config =
          load(
              endpoints(endpoints),
              "http:",
              "  concurrency: 20",
              "  hosts: {\"127.0.0.1:" + a.port() + "\": {rate: 20}}");

      RunSummary summary = JobRunner.runBounded(config, environment(1));

      assertThat(summary.counts().success()).as("endpoints ok").isEqualTo(120);
      // A bucket of 1 (the default burst) refilled 20 times a second: 21 sent in a closed second.
      // A's first few are left out: a cold client's first requests reach the server late and
      // unevenly (in a fresh JVM the first one loads the whole HTTP stack), so they come in
      // bunched although they were sent 50 ms apart.
      assertThat(logA.mostArrivalsWithin(Duration.ofSeconds(1), COLD_START_REQUESTS))
          .as("A's requests in any second")
          .isLessThanOrEqualTo(21);
      List<Long> arrivalsA = logA.arrivals();
      List<Long> arrivalsB = logB.arrivals();
      assertThat(arrivalsA).hasSize(80);
      assertThat(arrivalsB).hasSize(40);
      // B's 40 take a few rounds of the 20 slots; A's 20th comes about a second in. Held to A's
      // pace (behind A's queue, or by A's rate), B's last would come a second or more later.
      assertThat(arrivalsB.get(arrivalsB.size() - 1))
          .as("B's last request came before A's 20th")
          .isLessThan(arrivalsA.get(19));
    }
  }

  @Test
  void aHostAnswering429CoolsDownForItsRetryAfterWhileAnotherHostGoesOn() throws Exception {
    AtomicBoolean throttled = new AtomicBoolean();
    Reply ok = Reply.json(200, BODY).after(Duration.ofMillis(20));
    Reply tooMany = Reply.json(429, "{}").withHeader("Retry-After", "2");
    Reply slowOk = Reply.json(200, BODY).after(Duration.ofMillis(100));
    try (LoopbackHttpServer a =
            LoopbackHttpServer.start(0, request -> throttled.getAndSet(true) ? ok : tooMany);
        LoopbackHttpServer b = LoopbackHttpServer.start(0, request -> slowOk)) {
      ServerLog logA = ServerLog.of(a);
      ServerLog logB = ServerLog.of(b);
      List<String> endpoints = new ArrayList<>(interleaved(a, b, 10));
      for (int i = 10; i < 60; i++) endpoints.add(endpoint(b, "b", i));
      // One at a time to A, so no request to A is on its way when the 429 is answered; B at two
      // at a time is busy for longer than A's cool-down.
      JobConfig config =
          load(
              endpoints(endpoints),
              "http:",
              "  concurrency: 20",
              "  perHost: {concurrency: 2}",
              "  hosts: {\"127.0.0.1:" + a.port() + "\": {concurrency: 1}}");

      RunSummary summary = JobRunner.runBounded(config, environment(1));

      assertThat(summary.counts().success()).as("endpoints ok").isEqualTo(70);
      assertThat(summary.counts().retried()).as("retries: the one answered 429").isEqualTo(1);
      List<Exchange> exchangesA = logA.exchanges();
      assertThat(exchangesA).extracting(Exchange::status).startsWith(429).hasSize(11);
      long throttledAt = exchangesA.get(0).answeredNanos();
      long coolDownEnds = throttledAt + Duration.ofSeconds(2).minus(SLACK).toNanos();
      assertThat(exchangesA.get(1).receivedNanos())
          .as("when A's next request came: not before 2 s after the 429 was answered")
          .isGreaterThanOrEqualTo(coolDownEnds);
      assertThat(logB.arrivalsBetween(throttledAt, coolDownEnds))
          .as("B's requests while A cools down")
          .isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void anEndpointWaitingOutARetryAfterHoldsNoSlot() throws Exception {
    AtomicBoolean failedOnce = new AtomicBoolean();
    Reply serverError = Reply.json(500, "{}").withHeader("Retry-After", "3");
    Reply ok = Reply.json(200, BODY);
    Reply slowOk = ok.after(Duration.ofMillis(100));
    try (LoopbackHttpServer a =
        LoopbackHttpServer.start(
            0,
            request -> {
              if (!request.path().equals("/x")) return slowOk;
              return failedOnce.getAndSet(true) ? ok : serverError;
            })) {
      ServerLog log = ServerLog.of(a);
      List<String> endpoints = new ArrayList<>();
      // First in the list, so it is the first sent (one subtask, one host, in order).
      endpoints.add("{name: x, url: \"" + a.baseUrl() + "/x\"}");
      for (int i = 0; i < 20; i++) endpoints.add(endpoint(a, "o", i));
      JobConfig config = load(endpoints(endpoints), "http: {concurrency: 2}");

      RunSummary summary = JobRunner.runBounded(config, environment(1));

      assertThat(summary.counts().success()).as("endpoints ok").isEqualTo(21);
      List<Exchange> x = log.exchangesFor("/x");
      assertThat(x).extracting(Exchange::status).containsExactly(500, 200);
      long waitStarts = x.get(0).answeredNanos();
      long waitEnds = x.get(1).receivedNanos();
      List<Exchange> others = log.exchanges().stream().filter(e -> !e.path().equals("/x")).toList();
      assertThat(others).hasSize(20);
      assertThat(others)
          .as("the others were all answered while /x waited")
          .allSatisfy(e -> assertThat(e.answeredNanos()).isBetween(waitStarts, waitEnds));
      int peakWhileWaiting = ServerLog.peakInFlight(waitStarts, waitEnds - 1, List.of(log));
      assertThat(peakWhileWaiting).as("in flight at once while /x waited").isLessThanOrEqualTo(2);
      assertThat(peakWhileWaiting)
          .as("in flight at once while /x waited: both slots used")
          .isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aHostsOwnHeadersGoToThatHostOnly() throws Exception {
    Queue<String> keysAtA = new ConcurrentLinkedQueue<>();
    Queue<String> keysAtB = new ConcurrentLinkedQueue<>();
    Reply ok = Reply.json(200, BODY);
    try (LoopbackHttpServer a =
            LoopbackHttpServer.start(0, request -> record(keysAtA, request, ok));
        LoopbackHttpServer b =
            LoopbackHttpServer.start(0, request -> record(keysAtB, request, ok))) {
      JobConfig config =
          load(
              endpoints(interleaved(a, b, 5)),
              "http:",
              "  hosts: {\"127.0.0.1:" + b.port() + "\": {headers: {X-Key: k-7f3a}}}");

      RunSummary summary = JobRunner.runBounded(config, environment(1));

      assertThat(summary.counts().success()).as("endpoints ok").isEqualTo(10);
      assertThat(keysAtB).as("X-Key at B").hasSize(5).containsOnly("k-7f3a");
      assertThat(keysAtA).as("X-Key at A").hasSize(5).containsOnly("(none)");
    }
  }

  private static Reply record(Queue<String> keys, LoopbackHttpServer.Request request, Reply reply) {
    String key = request.headers().get("X-Key");
    keys.add(key == null ? "(none)" : key);
    return reply;
  }

  /**
   * {@code count} endpoints on each server, taking turns in pairs: a0, a1, b0, b1, a2, ... Not one
   * by one: handed round-robin to two fetch subtasks, as Flink does without the host partitioning,
   * each subtask would get one host only and the partitioning would go untested.
   */
  private static List<String> interleaved(LoopbackHttpServer a, LoopbackHttpServer b, int count) {
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i += 2) {
      for (int j = i; j < Math.min(i + 2, count); j++) endpoints.add(endpoint(a, "a", j));
      for (int j = i; j < Math.min(i + 2, count); j++) endpoints.add(endpoint(b, "b", j));
    }
    return endpoints;
  }

  /** One endpoint of an inline {@code source.endpoints} list, as a YAML flow mapping. */
  private static String endpoint(LoopbackHttpServer server, String prefix, int i) {
    return "{name: " + prefix + i + ", url: \"" + server.baseUrl() + "/" + prefix + i + "\"}";
  }

  private static String endpoints(List<String> endpoints) {
    return "source:\n  endpoints:\n"
        + String.join("\n", endpoints.stream().map(e -> "    - " + e).toList());
  }

  private JobConfig load(String source, String... http) throws Exception {
    return JobFileFixture.load(dir, source + "\n" + String.join("\n", http) + "\n");
  }

  /** Dead letters written; none at all leaves no folder. */
  private int deadLetters() {
    Path folder = dir.resolve("out").resolve("dead-letter");
    return Files.exists(folder) ? new JobOutput(dir.resolve("out")).deadLetters().size() : 0;
  }
}
