package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tributary.config.HttpConfig;
import dev.tributary.config.RetryConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FetchFunction} inside Flink's async operator (through the operator test harness, so open,
 * close, capacity and the operator's timeout behave as in a job), with the real AsyncHttpClient
 * against a scripted {@link LoopbackHttpServer} on 127.0.0.1.
 */
class FetchFunctionTest {
  /** The longest any wait for the client or the server may take before the test fails. */
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** How long "nothing more happens" is watched for. */
  private static final Duration QUIET = Duration.ofMillis(300);

  private static final Duration QUICK_BACKOFF = Duration.ofMillis(10);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  private static final String THREAD_PREFIX = "tributary-http-";

  private LoopbackHttpServer server;
  private OneInputStreamOperatorTestHarness<Endpoint, FetchResult> harness;
  private MockEnvironment environment;
  private final InterceptingOperatorMetricGroup operatorMetrics =
      new InterceptingOperatorMetricGroup();

  @AfterEach
  void closeEverything() throws Exception {
    try {
      closeHarness();
    } finally {
      if (environment != null) environment.close();
      if (server != null) server.close();
    }
  }

  @Test
  void keepsTheBodyOfA2xxResponse() throws Exception {
    String body = "[{\"date\":\"2026-01-02\",\"amount\":\"12.50\"}]";
    server = LoopbackHttpServer.start(0, request -> Reply.json(200, body));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    FetchResult result = fetchOne("/orders");

    assertThat(result.succeeded()).as("failure: %s", result.failure()).isTrue();
    assertThat(result.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.lastStatus()).isEqualTo(200);
    assertThat(result.endpoint().name()).isEqualTo("orders");
  }

  @Test
  void retriesServerErrorsThenSucceeds() throws Exception {
    server =
        LoopbackHttpServer.start(
            0, request -> request.attempt() <= 2 ? Reply.json(503, "{}") : Reply.json(200, "[]"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    FetchResult result = fetchOne("/flaky");

    assertThat(result.succeeded()).as("failure: %s", result.failure()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.lastStatus()).isEqualTo(200);
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxAttempts() throws Exception {
    server = LoopbackHttpServer.start(0, request -> Reply.json(500, "{}"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    FetchResult result = fetchOne("/broken");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).isEqualTo("http 500");
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.lastStatus()).isEqualTo(500);
    assertThat(result.body()).isNull();
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void countsEveryRequestRetriesIncludedAndTheEndpointOnce() throws Exception {
    server =
        LoopbackHttpServer.start(
            0, request -> request.attempt() <= 2 ? Reply.json(503, "{}") : Reply.json(200, "[]"));
    openWithMetrics(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    fetchOne("/flaky");

    assertThat(count(FetchMetrics.REQUESTS)).isEqualTo(3);
    assertThat(count(FetchMetrics.ENDPOINTS_DONE)).isEqualTo(1);
    assertThat(count(FetchMetrics.ENDPOINTS_FAILED)).isZero();
    assertThat(((Gauge<?>) operatorMetrics.get(FetchMetrics.POLL_ROUND)).getValue()).isEqualTo(0L);
  }

  @Test
  void countsAnEndpointGivenUpAsDoneAndFailed() throws Exception {
    server = LoopbackHttpServer.start(0, request -> Reply.json(500, "{}"));
    openWithMetrics(http(2, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    harness.processElement(endpoint("/broken"), 0);
    harness.processElement(new Endpoint("no-host", "not a url"), 0);
    awaitResults(2);

    assertThat(count(FetchMetrics.REQUESTS)).isEqualTo(2);
    assertThat(count(FetchMetrics.ENDPOINTS_DONE)).isEqualTo(2);
    assertThat(count(FetchMetrics.ENDPOINTS_FAILED)).isEqualTo(2);
  }

  @Test
  void doesNotRetryOtherClientErrors() throws Exception {
    server = LoopbackHttpServer.start(0, request -> Reply.json(404, "{}"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    FetchResult result = fetchOne("/missing");

    assertThat(result.failure()).isEqualTo("http 404");
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.lastStatus()).isEqualTo(404);
    assertQuietFor("no retry of a 404", () -> server.requests() == 1);
  }

  @Test
  void honoursRetryAfterWhenLongerThanTheBackoff() throws Exception {
    AtomicLongArray arrivals = new AtomicLongArray(3);
    server =
        LoopbackHttpServer.start(
            0,
            request -> {
              if (request.attempt() < arrivals.length())
                arrivals.set(request.attempt(), System.nanoTime());
              return request.attempt() == 1
                  ? Reply.json(429, "{}").withHeader("Retry-After", "1")
                  : Reply.json(200, "[]");
            });
    open(http(3, QUICK_BACKOFF, Duration.ofSeconds(5)), 10);

    FetchResult result = fetchOne("/throttled");

    assertThat(result.succeeded()).as("failure: %s", result.failure()).isTrue();
    assertThat(result.attempts()).isEqualTo(2);
    long waitedMillis = Duration.ofNanos(arrivals.get(2) - arrivals.get(1)).toMillis();
    assertThat(waitedMillis).as("wait between attempts 1 and 2").isGreaterThanOrEqualTo(1000);
  }

  @Test
  void aRetryAfterLongerThanMaxRetryAfterFailsTheEndpointAfterOneRequest() throws Exception {
    server =
        LoopbackHttpServer.start(
            0, request -> Reply.json(429, "{}").withHeader("Retry-After", "3600"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    FetchResult result = fetchOne("/throttled-for-an-hour");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure())
        .isEqualTo("http 429: Retry-After 3600s is longer than retry.maxRetryAfter (5m)");
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.lastStatus()).isEqualTo(429);
    assertQuietFor("no retry after a refused Retry-After", () -> server.requests() == 1);
  }

  @Test
  void retriesARequestTimeoutThenSucceeds() throws Exception {
    server =
        LoopbackHttpServer.start(
            0, request -> request.attempt() == 1 ? Reply.json(408, "{}") : Reply.json(200, "[]"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    FetchResult result = fetchOne("/slow-to-ask");

    assertThat(result.succeeded()).as("failure: %s", result.failure()).isTrue();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.lastStatus()).isEqualTo(200);
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void givesUpWhenTheTotalTimeoutRunsOutBeforeMaxAttempts() throws Exception {
    int maxAttempts = 100;
    server = LoopbackHttpServer.start(0, request -> Reply.json(503, "{}"));
    // 100 attempts with waits of up to 50ms take well over a second; the total timeout is 1s.
    HttpConfig http =
        new HttpConfig(
                10,
                Duration.ofSeconds(1),
                HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
                new RetryConfig(maxAttempts, Duration.ofMillis(50), Duration.ofMillis(50)),
                LoopbackHttpServer.ATTEMPT_HEADER)
            .withTotalTimeout(Duration.ofSeconds(1));
    open(http, 10);

    FetchResult result = fetchOne("/always-overloaded");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure())
        .isEqualTo("gave up after 1s across all attempts (http.totalTimeout)");
    assertThat(result.lastStatus()).isEqualTo(503);
    assertThat(server.requests()).as("requests the server saw").isLessThan(maxAttempts);
    assertThat(result.attempts()).isEqualTo(server.requests());
    assertQuietFor("no request after giving up", () -> server.requests() == result.attempts());
  }

  @Test
  void a429ThatIsNotRetriedStillCoolsTheHostDown() throws Exception {
    List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
    server =
        LoopbackHttpServer.start(
            0,
            request -> {
              paths.add(request.path());
              return request.path().equals("/throttled")
                  ? Reply.json(429, "{}").withHeader("Retry-After", "60")
                  : Reply.json(200, "[]");
            });
    // One attempt each: the 429 ends its endpoint at once, yet the host must wait.
    open(http(1, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    harness.processElement(endpoint("/throttled"), 0);
    awaitResults(1);
    harness.processElement(endpoint("/after"), 0);

    assertQuietFor("no request to the cooling host", () -> paths.equals(List.of("/throttled")));
  }

  @Test
  void aRetryWaitingForItsHostsTurnEndsAtTheTotalTimeoutNotWhenTheTurnComes() throws Exception {
    server =
        LoopbackHttpServer.start(
            0,
            request ->
                request.path().equals("/throttled")
                    ? Reply.json(429, "{}").withHeader("Retry-After", "50")
                    : Reply.json(500, "{}").withHeader("Retry-After", "1"));
    HttpConfig http =
        new HttpConfig(
                10,
                Duration.ofSeconds(1),
                HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
                new RetryConfig(3, QUICK_BACKOFF, Duration.ofMillis(100), Duration.ofMinutes(1)),
                LoopbackHttpServer.ATTEMPT_HEADER)
            .withTotalTimeout(Duration.ofSeconds(2));
    open(http, 10);

    // /retried waits 1s for its retry, then for the host, which /throttled has cooled for 50s.
    harness.processElement(endpoint("/retried"), 0);
    harness.processElement(endpoint("/throttled"), 0);
    List<FetchResult> results = awaitResults(2);

    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.failure())
                    .isEqualTo("gave up after 2s across all attempts (http.totalTimeout)"));
    assertThat(server.requests()).as("no retry was sent").isEqualTo(2);
  }

  @Test
  void aLastAttemptCutShortByTheTotalTimeoutGivesTheTotalTimeoutAsReason() throws Exception {
    server = LoopbackHttpServer.start(0, 2, Duration.ofSeconds(3), request -> Reply.hang());
    // Attempt 1 times out after 1s; attempt 2 has only what is left of the 1.5s total.
    HttpConfig http =
        new HttpConfig(
                10,
                Duration.ofSeconds(1),
                HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
                new RetryConfig(2, Duration.ZERO, Duration.ZERO),
                LoopbackHttpServer.ATTEMPT_HEADER)
            .withTotalTimeout(Duration.ofMillis(1500));
    open(http, 10);

    FetchResult result = fetchOne("/hangs");

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.failure())
        .isEqualTo("gave up after 1500ms across all attempts (http.totalTimeout)");
  }

  @Test
  void theOperatorTimeoutStaysAboveTheLongestWaitOfEveryEndpointAheadAndFollowsTheTotalTimeout() {
    HttpConfig http = http(3, QUICK_BACKOFF, Duration.ofMillis(100));
    // 10 slots and 100 endpoints waiting: ahead of the last, 10 rounds of the worst endpoint, then
    // its own: 3 attempts of 2s, 2 waits of up to 5m (maxRetryAfter), one more attempt; 10s slack.
    Duration worstEndpoint = Duration.ofMinutes(10).plusSeconds(6 + 2);
    assertThat(FetchFunction.operatorCapacity(http, 1)).isEqualTo(10 + 100);
    assertThat(FetchFunction.operatorTimeout(http, 1))
        .isEqualTo(worstEndpoint.multipliedBy(1 + 10).plusSeconds(10));
    // Bounded by the total timeout instead: 1m and one attempt per endpoint.
    assertThat(FetchFunction.operatorTimeout(http.withTotalTimeout(Duration.ofMinutes(1)), 1))
        .isEqualTo(Duration.ofMinutes(1).plusSeconds(2).multipliedBy(1 + 10).plusSeconds(10));
  }

  @Test
  void theConnectTimeoutReachesAsyncHttpClient() {
    // A connect that never completes cannot be made reliably on loopback (the kernel answers or
    // refuses at once), so the value is checked where AsyncHttpClient keeps it.
    HttpConfig http =
        http(3, QUICK_BACKOFF, Duration.ofMillis(100)).withConnectTimeout(Duration.ofMillis(1234));
    try (AhcHttpGetClient client =
        (AhcHttpGetClient) FetchFunction.asyncHttpClients(http).create("connect-test")) {
      assertThat(client.connectTimeout()).isEqualTo(Duration.ofMillis(1234));
    }
  }

  @Test
  void timesOutAHangingServerAndRetries() throws Exception {
    server =
        LoopbackHttpServer.start(
            0,
            2,
            Duration.ofSeconds(5),
            request -> request.attempt() == 1 ? Reply.hang() : Reply.json(200, "[]"));
    open(
        new HttpConfig(
            10,
            Duration.ofMillis(200),
            HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
            new RetryConfig(3, QUICK_BACKOFF, Duration.ofMillis(100)),
            LoopbackHttpServer.ATTEMPT_HEADER),
        10);

    FetchResult result = fetchOne("/slow");

    assertThat(result.succeeded()).as("failure: %s", result.failure()).isTrue();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.lastStatus()).isEqualTo(200);
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void malformedUrlFailsWithoutARequest() throws Exception {
    server = LoopbackHttpServer.start(0, request -> Reply.json(200, "[]"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);

    harness.processElement(new Endpoint("typo", "htp:/x y"), 0);
    FetchResult result = awaitResults(1).get(0);

    assertThat(result.failure()).startsWith("malformed url");
    assertThat(result.attempts()).isEqualTo(0);
    assertThat(result.lastStatus()).isEqualTo(0);
    assertThat(result.firstSentMillis()).isEqualTo(0);
    assertThat(server.requests()).isEqualTo(0);
  }

  @Test
  void anHttpsEndpointOnAPlainHttpServerFailsAtOnceWithATlsReason() throws Exception {
    // TLS is set up at the first https connection, not when the client is made: that connection
    // must get a working set-up and fail on the handshake, not on the set-up.
    server = LoopbackHttpServer.start(0, request -> Reply.json(200, "[]"));
    open(http(3, QUICK_BACKOFF, Duration.ofSeconds(2)), 10);

    harness.processElement(
        new Endpoint("tls", "https://127.0.0.1:" + server.port() + "/secure"), 0);
    FetchResult result = awaitResults(1).get(0);

    assertThat(result.failure())
        .isEqualTo(
            "tls handshake failed: the server does not speak TLS on that port (http:// instead?)");
    assertThat(result.attempts()).isEqualTo(1);
  }

  /**
   * The FLINK-40456 shape: the operator times an element out while the function waits to retry it.
   * The element must end once, and the retry must not go out after the operator has given it up.
   */
  @Test
  void operatorTimeoutWhileARetryIsPendingCompletesExactlyOnce() throws Exception {
    long operatorTimeoutMillis = 500;
    server =
        LoopbackHttpServer.start(
            0, request -> Reply.json(503, "{}").withHeader("Retry-After", "30"));
    HttpConfig http =
        new HttpConfig(
            10,
            ATTEMPT_TIMEOUT,
            HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
            new RetryConfig(3, QUICK_BACKOFF, Duration.ofSeconds(60)),
            LoopbackHttpServer.ATTEMPT_HEADER);
    // The production client, watched so the test knows when the retry is waiting on its timer.
    AtomicReference<ClientProbe> probe = new AtomicReference<>();
    FetchFunction function =
        new FetchFunction(
            http,
            name -> {
              ClientProbe client =
                  new ClientProbe(
                      new AhcHttpGetClient(
                          1, http.timeout(), http.maxResponseBytes(), http.attemptHeader(), name));
              probe.set(client);
              return client;
            });
    open(function, operatorTimeoutMillis, 10);

    harness.processElement(endpoint("/overloaded"), 0);
    awaitUntil(
        "the retry after the 503 is scheduled",
        () -> probe.get() != null && probe.get().scheduled.get() == 1);
    assertThat(probe.get().delays).containsExactly(Duration.ofSeconds(30));
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.setProcessingTime(operatorTimeoutMillis + 1);
    List<FetchResult> results = awaitResults(1);

    assertThat(results).hasSize(1);
    FetchResult result = results.get(0);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.failure()).startsWith("gave up after");
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.lastStatus()).isEqualTo(503);
    assertThat(probe.get().cancelledSchedules.get()).as("pending retries called off").isEqualTo(1);
    assertQuietFor(
        "no retry and no second result after the timeout",
        () -> {
          drainMailbox();
          return server.requests() == 1 && harness.extractOutputValues().size() == 1;
        });

    long closeStart = System.nanoTime();
    closeHarness();
    assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThan(WAIT);
    assertThat(server.requests()).isEqualTo(1);
  }

  /**
   * The operator gives up while a request hangs: the reason is the timeout, not the abort it
   * causes.
   */
  @Test
  void operatorTimeoutWhileARequestHangsCompletesOnceWithTheTimeoutAsReason() throws Exception {
    long operatorTimeoutMillis = 500;
    server = LoopbackHttpServer.start(0, 1, WAIT, request -> Reply.hang());
    HttpConfig http = http(3, QUICK_BACKOFF, Duration.ofSeconds(30));
    open(
        new FetchFunction(
            http,
            name ->
                new AhcHttpGetClient(
                    1, http.timeout(), http.maxResponseBytes(), http.attemptHeader(), name)),
        operatorTimeoutMillis,
        10);

    harness.processElement(endpoint("/stuck"), 0);
    awaitUntil("the request reaches the server", () -> server.requests() == 1);
    harness.setProcessingTime(operatorTimeoutMillis + 1);
    List<FetchResult> results = awaitResults(1);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).failure()).startsWith("gave up after");
    assertThat(results.get(0).attempts()).isEqualTo(1);
    assertQuietFor(
        "no second attempt and no second result",
        () -> {
          drainMailbox();
          return server.requests() == 1 && harness.extractOutputValues().size() == 1;
        });
  }

  @Test
  void closeStopsTheClientsThreads() throws Exception {
    Set<Thread> before = clientThreads();
    server = LoopbackHttpServer.start(0, request -> Reply.json(200, "[]"));
    open(http(3, QUICK_BACKOFF, Duration.ofMillis(100)), 10);
    fetchOne("/ping"); // Netty starts its threads lazily: make the client use them.
    Set<Thread> started = clientThreads();
    started.removeAll(before);
    assertThat(started).as("threads named %s* while the client runs", THREAD_PREFIX).isNotEmpty();

    closeHarness();

    awaitUntil("the client's threads end", () -> started.stream().noneMatch(Thread::isAlive));
    assertThat(clientThreads()).as("threads named %s* after close", THREAD_PREFIX).isEmpty();
  }

  @Test
  void neverHasMoreRequestsInFlightThanTheConcurrencyThoughMoreEndpointsWait() throws Exception {
    int concurrency = 5;
    int endpoints = 50;
    server =
        LoopbackHttpServer.start(0, request -> Reply.json(200, "[]").after(Duration.ofMillis(30)));
    HttpConfig http =
        new HttpConfig(
            concurrency,
            ATTEMPT_TIMEOUT,
            HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
            new RetryConfig(3, QUICK_BACKOFF, Duration.ofMillis(100)),
            LoopbackHttpServer.ATTEMPT_HEADER);
    int capacity = FetchFunction.operatorCapacity(http, 1);
    assertThat(capacity).isGreaterThan(endpoints);
    open(http, capacity);

    // processElement yields to the mailbox (taking results) while the operator's queue is full.
    for (int i = 0; i < endpoints; i++) harness.processElement(endpoint("/page/" + i), 0);
    List<FetchResult> results = awaitResults(endpoints);

    assertThat(results).hasSize(endpoints).allMatch(FetchResult::succeeded);
    assertThat(results.stream().map(r -> r.endpoint().url()).distinct()).hasSize(endpoints);
    assertThat(server.requests()).isEqualTo(endpoints);
    // The bound is never passed, and the stage does use all of it.
    assertThat(server.peakInFlight()).as("at most the bound").isLessThanOrEqualTo(concurrency);
    assertThat(server.peakInFlight()).as("reaches the bound").isGreaterThanOrEqualTo(concurrency);
  }

  // ---- fixtures ----

  private static HttpConfig http(int maxAttempts, Duration backoff, Duration maxBackoff) {
    return new HttpConfig(
        10,
        ATTEMPT_TIMEOUT,
        HttpConfig.DEFAULT_MAX_RESPONSE_BYTES,
        new RetryConfig(maxAttempts, backoff, maxBackoff),
        LoopbackHttpServer.ATTEMPT_HEADER);
  }

  /** Opens the production function, with the operator timeout the job gives it. */
  private void open(HttpConfig http, int capacity) throws Exception {
    open(
        FetchFunction.withAsyncHttpClient(http),
        FetchFunction.operatorTimeout(http, 1).toMillis(),
        capacity);
  }

  private void open(FetchFunction function, long operatorTimeoutMillis, int capacity)
      throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new AsyncWaitOperatorFactory<>(
                function, operatorTimeoutMillis, capacity, AsyncDataStream.OutputMode.UNORDERED),
            TypeInformation.of(Endpoint.class).createSerializer(new SerializerConfigImpl()));
    harness.open();
    // The harness's clock starts at Long.MIN_VALUE; timeouts count from 0, fired only on request.
    harness.setProcessingTime(0);
  }

  /**
   * Opens the production function in a task whose operator metrics are kept in {@link
   * #operatorMetrics}.
   */
  private void openWithMetrics(HttpConfig http, int capacity) throws Exception {
    environment =
        new MockEnvironmentBuilder()
            .setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                  @Override
                  public InternalOperatorMetricGroup getOrAddOperator(
                      OperatorID operatorID, String name, Map<String, String> variables) {
                    return operatorMetrics;
                  }
                })
            .build();
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new AsyncWaitOperatorFactory<>(
                FetchFunction.withAsyncHttpClient(http),
                FetchFunction.operatorTimeout(http, 1).toMillis(),
                capacity,
                AsyncDataStream.OutputMode.UNORDERED),
            TypeInformation.of(Endpoint.class).createSerializer(new SerializerConfigImpl()),
            environment);
    harness.open();
    harness.setProcessingTime(0);
  }

  private long count(String counter) {
    return ((Counter) operatorMetrics.get(counter)).getCount();
  }

  private void closeHarness() throws Exception {
    if (harness == null) return;
    try {
      harness.close();
    } finally {
      harness = null;
    }
  }

  private Endpoint endpoint(String path) {
    String name = path.substring(1).replace('/', '-');
    return new Endpoint(name, server.baseUrl() + path);
  }

  private FetchResult fetchOne(String path) throws Exception {
    harness.processElement(endpoint(path), 0);
    List<FetchResult> results = awaitResults(1);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  /**
   * Runs the operator's mails (results arrive through the mailbox) until {@code count} results are
   * out.
   */
  private List<FetchResult> awaitResults(int count) throws Exception {
    awaitUntil(
        count + " result(s)",
        () -> {
          drainMailbox();
          return harness.extractOutputValues().size() >= count;
        });
    return new ArrayList<>(harness.extractOutputValues());
  }

  /**
   * Runs every mail waiting in the task's mailbox, as the task thread would; this is the task
   * thread.
   */
  private void drainMailbox() {
    TaskMailbox mailbox = harness.getTaskMailbox();
    try {
      for (Optional<Mail> mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY);
          mail.isPresent();
          mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)) {
        mail.get().run();
      }
    } catch (Exception e) {
      throw new AssertionError("a mail of the async operator failed", e);
    }
  }

  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(THREAD_PREFIX))
        .collect(Collectors.toSet());
  }

  /** Waits until the condition holds, failing after {@link #WAIT}. */
  private static void awaitUntil(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("timed out waiting until " + what);
      Thread.sleep(5);
    }
  }

  /** Checks that the condition keeps holding for {@link #QUIET}. */
  private static void assertQuietFor(String what, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + QUIET.toNanos();
    do {
      if (!condition.getAsBoolean()) fail("expected " + what);
      Thread.sleep(5);
    } while (System.nanoTime() < end);
  }

  /** The real client, counting the retries it is asked to schedule and how many are called off. */
  private static final class ClientProbe implements HttpGetClient {
    private final HttpGetClient delegate;
    final AtomicInteger scheduled = new AtomicInteger();
    final AtomicInteger cancelledSchedules = new AtomicInteger();
    final ConcurrentLinkedQueue<Duration> delays = new ConcurrentLinkedQueue<>();

    ClientProbe(HttpGetClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public Cancellable get(String url, int attempt, Duration timeout, Listener listener) {
      return delegate.get(url, attempt, timeout, listener);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      Cancellable cancellable = delegate.schedule(task, delay);
      delays.add(delay);
      scheduled.incrementAndGet();
      return () -> {
        cancelledSchedules.incrementAndGet();
        cancellable.cancel();
      };
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
