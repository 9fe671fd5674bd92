package dev.tributary.fetch;

import dev.tributary.config.HttpConfig;
import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import java.io.Serializable;
import java.time.Duration;
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

  private final HttpConfig http;
  private final RetryPolicy retryPolicy;
  private final ClientFactory clientFactory;

  private transient HttpGetClient client;
  // Calls in progress, so the operator's timeout can call off the one it gives up on.
  private transient Map<ResultFuture<FetchResult>, FetchCall> calls;

  public FetchFunction(HttpConfig http, ClientFactory clientFactory) {
    this.http = http;
    this.retryPolicy = new RetryPolicy(http.retry());
    this.clientFactory = clientFactory;
  }

  /** The production client: AsyncHttpClient with one I/O thread per subtask. */
  public static FetchFunction withAsyncHttpClient(HttpConfig http) {
    Duration connectTimeout = http.timeout();
    return new FetchFunction(http, name -> new AhcHttpGetClient(1, connectTimeout, name));
  }

  /**
   * How long the async operator may hold one endpoint: every attempt and every wait, plus slack, so
   * its timeout only fires if something is truly stuck.
   */
  public static Duration operatorTimeout(HttpConfig http) {
    Duration worst = new RetryPolicy(http.retry()).worstCase(http.timeout());
    return worst.plus(http.timeout()).plusSeconds(10);
  }

  @Override
  public void open(OpenContext openContext) {
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    client = clientFactory.create("tributary-http-" + subtask);
    calls = new ConcurrentHashMap<>();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public void asyncInvoke(Endpoint endpoint, ResultFuture<FetchResult> resultFuture) {
    FetchCall call = new FetchCall(endpoint, client, http.timeout(), retryPolicy, resultFuture, calls);
    calls.put(resultFuture, call);
    call.start();
  }

  @Override
  public void timeout(Endpoint endpoint, ResultFuture<FetchResult> resultFuture) {
    FetchCall call = calls.get(resultFuture);
    if (call != null) {
      call.giveUp("timed out after " + operatorTimeout(http).toSeconds() + " s across all attempts");
    }
  }
}
