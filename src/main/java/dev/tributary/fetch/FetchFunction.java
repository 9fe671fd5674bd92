package dev.tributary.fetch;

import dev.tributary.config.Durations;
import dev.tributary.config.HttpConfig;
import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Fetches each endpoint with retries, never blocking: one HTTP client per subtask, attempts and the
 * waits between them chained on the client's own timer.
 *
 * <p>Retries live here rather than in {@code unorderedWaitWithRetry} because Flink switches its own
 * retries off once a bounded input has ended, which would make a late failure final. Every endpoint
 * ends as exactly one {@link FetchResult}; failures are results, never task failures.
 */
public final class FetchFunction extends RichAsyncFunction<Endpoint, FetchResult> {
  private static final long serialVersionUID = 1L;

  /** Builds a subtask's client; a test may pass one that records what was sent. */
  @FunctionalInterface
  public interface ClientFactory extends Serializable {
    HttpGetClient create(String threadName);
  }

  /**
   * Netty I/O threads per fetch subtask: one keeps thousands of connections busy, and on a small
   * machine more only compete with Flink's task threads for the cores.
   */
  private static final int IO_THREADS_PER_SUBTASK = 1;

  /** Room above the worst case of all attempts and waits before the operator's timeout fires. */
  private static final Duration OPERATOR_TIMEOUT_SLACK = Duration.ofSeconds(10);

  /**
   * The longest operator timeout: extreme settings (a thousand attempts an hour apart behind a host
   * allowed one at a time) would otherwise pass what Flink's timers can add to a time.
   */
  static final Duration OPERATOR_TIMEOUT_CAP = Duration.ofDays(365);

  /**
   * Endpoints a subtask holds waiting for their turn (a host's limits, its cool-down, a backoff),
   * per request slot: they hold no slot, so the other hosts' endpoints keep the slots busy.
   */
  private static final int WAITING_PER_SLOT = 4;

  /** Endpoints waiting at least, so a small concurrency still lets many hosts take turns. */
  private static final int MIN_WAITING = 100;

  private final HttpConfig http;
  private final RetryPolicy retryPolicy;
  private final ClientFactory clientFactory;
  private final AllowedHosts allowedHosts;
  private final Redactor redactor;

  private transient HttpGetClient client;
  private transient RequestGate gate;
  // Calls in progress, so the operator's timeout can call off the one it gives up on.
  private transient Map<ResultFuture<FetchResult>, FetchCall> calls;
  private transient FetchMetrics metrics;

  public FetchFunction(HttpConfig http, ClientFactory clientFactory) {
    this.http = http;
    this.retryPolicy = new RetryPolicy(http.retry());
    this.clientFactory = clientFactory;
    this.allowedHosts = new AllowedHosts(http.allowHosts());
    this.redactor = new Redactor(http.redactedNames());
  }

  /** The production client: AsyncHttpClient, connecting within {@code http.connectTimeout}. */
  public static FetchFunction withAsyncHttpClient(HttpConfig http) {
    return new FetchFunction(http, asyncHttpClients(http));
  }

  /** Makes each subtask's AsyncHttpClient from the section. */
  static ClientFactory asyncHttpClients(HttpConfig http) {
    Duration connectTimeout = http.connectTimeout();
    long maxResponseBytes = http.maxResponseBytes();
    String attemptHeader = http.attemptHeader();
    HeadersByHost headers = HeadersByHost.of(http);
    Redactor redactor = new Redactor(http.redactedNames());
    AllowedHosts allowedHosts = new AllowedHosts(http.allowHosts());
    int maxRedirects = http.maxRedirects();
    String extraCaPem = http.caFile() == null ? null : http.caFile().pem();
    return name ->
        new AhcHttpGetClient(
            IO_THREADS_PER_SUBTASK,
            connectTimeout,
            maxResponseBytes,
            attemptHeader,
            name,
            headers,
            redactor,
            allowedHosts,
            maxRedirects,
            extraCaPem);
  }

  /** Requests in flight at most in each of {@code parallelism} subtasks: never over the bound. */
  static int slotsPerSubtask(HttpConfig http, int parallelism) {
    return Math.max(1, http.concurrency() / parallelism);
  }

  /**
   * How many endpoints the async operator hands each subtask at once: its request slots and room
   * for endpoints that wait without one.
   */
  public static int operatorCapacity(HttpConfig http, int parallelism) {
    int slots = slotsPerSubtask(http, parallelism);
    return slots + Math.max(MIN_WAITING, WAITING_PER_SLOT * slots);
  }

  /**
   * How long the async operator may hold one endpoint, so its timeout only fires if something is
   * truly stuck: the wait for its first turn, then its own attempts and waits, plus slack. Ahead of
   * it may be a whole waiting room of endpoints of one host, sent as few at a time as that host
   * allows, each taking its worst case, and each of their attempts and its own taking a token of
   * the slowest rate. Capped at {@link #OPERATOR_TIMEOUT_CAP}.
   */
  public static Duration operatorTimeout(HttpConfig http, int parallelism) {
    Duration worst = new RetryPolicy(http.retry()).worstCase(http.timeout());
    if (http.totalTimeout() != null && http.totalTimeout().compareTo(worst) < 0) {
      worst = http.totalTimeout();
    }
    double oneEndpointMillis = worst.plus(http.timeout()).toMillis();
    int slots = slotsPerSubtask(http, parallelism);
    Integer hostBound = http.lowestHostConcurrency();
    int atOnce = hostBound == null ? slots : Math.min(slots, hostBound);
    int ahead = operatorCapacity(http, parallelism) - slots;
    double millis = oneEndpointMillis * (1 + Math.ceil((double) ahead / atOnce));
    Double slowestRate = http.slowestRate();
    if (slowestRate != null) {
      millis += (ahead + 1.0) * http.retry().maxAttempts() * 1000 / slowestRate;
    }
    millis += OPERATOR_TIMEOUT_SLACK.toMillis();
    return millis >= OPERATOR_TIMEOUT_CAP.toMillis()
        ? OPERATOR_TIMEOUT_CAP
        : Duration.ofMillis((long) Math.ceil(millis));
  }

  @Override
  public void open(OpenContext openContext) {
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    client = clientFactory.create("tributary-http-" + subtask);
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    gate =
        new RequestGate(
            slotsPerSubtask(http, parallelism),
            origin -> http.limitsFor(origin.host(), origin.port()),
            client::schedule,
            System::nanoTime);
    calls = new ConcurrentHashMap<>();
    metrics = FetchMetrics.registerIn(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void close() {
    if (gate != null) gate.close();
    if (calls != null) {
      // Called off before the client closes, so no callback tries to retry on a closing client.
      calls.values().forEach(FetchCall::abandon);
      calls.clear();
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public void asyncInvoke(Endpoint endpoint, ResultFuture<FetchResult> resultFuture) {
    if (endpoint.polled()) metrics.roundSeen(endpoint.round());
    FetchCall call =
        new FetchCall(
            endpoint,
            client,
            http.timeout(),
            http.totalTimeout(),
            http.maxResponseBytes(),
            retryPolicy,
            resultFuture,
            calls,
            metrics,
            allowedHosts,
            redactor,
            gate);
    calls.put(resultFuture, call);
    call.start();
  }

  @Override
  public void timeout(Endpoint endpoint, ResultFuture<FetchResult> resultFuture) {
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    String waited = Durations.format(operatorTimeout(http, parallelism));
    String reason = "gave up after " + waited + " across all attempts";
    FetchCall call = calls.get(resultFuture);
    if (call != null) {
      call.giveUp(
          call.neverSent()
              ? "gave up after " + waited + " waiting for its host's turn (never sent)"
              : reason);
    } else {
      // No call on record (it settled as the timer fired): Flink ignores a second completion.
      long now = System.currentTimeMillis();
      resultFuture.complete(
          List.of(FetchResult.failure(redactor.endpoint(endpoint), reason, 0, 0, 0, now)));
    }
  }
}
