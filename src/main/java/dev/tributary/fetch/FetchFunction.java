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

  private final HttpConfig http;
  private final RetryPolicy retryPolicy;
  private final ClientFactory clientFactory;
  private final AllowedHosts allowedHosts;
  private final Redactor redactor;

  private transient HttpGetClient client;
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
    Map<String, String> headers = http.headers().values();
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

  /**
   * How long the async operator may hold one endpoint: every attempt and every wait (each wait up
   * to the longer of maxBackoff and maxRetryAfter), or the total timeout when that is shorter, plus
   * slack, so its timeout only fires if something is truly stuck.
   */
  public static Duration operatorTimeout(HttpConfig http) {
    Duration worst = new RetryPolicy(http.retry()).worstCase(http.timeout());
    if (http.totalTimeout() != null && http.totalTimeout().compareTo(worst) < 0) {
      worst = http.totalTimeout();
    }
    return worst.plus(http.timeout()).plus(OPERATOR_TIMEOUT_SLACK);
  }

  @Override
  public void open(OpenContext openContext) {
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    client = clientFactory.create("tributary-http-" + subtask);
    calls = new ConcurrentHashMap<>();
    metrics = FetchMetrics.registerIn(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void close() {
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
            redactor);
    calls.put(resultFuture, call);
    call.start();
  }

  @Override
  public void timeout(Endpoint endpoint, ResultFuture<FetchResult> resultFuture) {
    String reason =
        "gave up after " + Durations.format(operatorTimeout(http)) + " across all attempts";
    FetchCall call = calls.get(resultFuture);
    if (call != null) {
      call.giveUp(reason);
    } else {
      // No call on record (it settled as the timer fired): Flink ignores a second completion.
      long now = System.currentTimeMillis();
      resultFuture.complete(
          List.of(FetchResult.failure(redactor.endpoint(endpoint), reason, 0, 0, 0, now)));
    }
  }
}
