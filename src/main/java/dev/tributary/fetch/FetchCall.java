package dev.tributary.fetch;

import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/**
 * The attempts at one endpoint: send, classify, wait and send again, until a response is kept or
 * the endpoint is given up. Completes its result exactly once, whichever of a response, an error or
 * the operator's timeout comes first.
 */
final class FetchCall implements HttpGetClient.Listener {
  private final Endpoint endpoint;
  private final HttpGetClient client;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;
  private final ResultFuture<FetchResult> resultFuture;
  private final Map<ResultFuture<FetchResult>, FetchCall> registry;

  // Guarded by this: callbacks come from I/O threads, the operator's timeout from the task thread.
  private int attempt;
  private int lastStatus;
  private long firstSentMillis;
  private boolean settled;
  private HttpGetClient.Cancellable pending;

  FetchCall(
      Endpoint endpoint,
      HttpGetClient client,
      Duration timeout,
      RetryPolicy retryPolicy,
      ResultFuture<FetchResult> resultFuture,
      Map<ResultFuture<FetchResult>, FetchCall> registry) {
    this.endpoint = endpoint;
    this.client = client;
    this.timeout = timeout;
    this.retryPolicy = retryPolicy;
    this.resultFuture = resultFuture;
    this.registry = registry;
  }

  void start() {
    String problem = Urls.problemWith(endpoint.url());
    if (problem != null) {
      fail(problem);
      return;
    }
    sendNextAttempt();
  }

  private void sendNextAttempt() {
    synchronized (this) {
      if (settled) return;
      attempt++;
      if (attempt == 1) firstSentMillis = System.currentTimeMillis();
      try {
        pending = client.get(endpoint.url(), attempt, timeout, this);
      } catch (RuntimeException e) {
        // AHC rejects some URLs only when it builds the request.
        settle(null, FailureReasons.ofError(e, timeout));
      }
    }
  }

  @Override
  public void onResponse(int status, String retryAfter, byte[] body) {
    int attemptNow;
    synchronized (this) {
      if (settled) return;
      lastStatus = status;
      attemptNow = attempt;
    }
    switch (retryPolicy.classify(status)) {
      case OK -> settle(body, null);
      case RETRY -> retryOrFail(attemptNow, RetryAfter.parse(retryAfter, Instant.now()), FailureReasons.ofStatus(status));
      case FAIL -> fail(FailureReasons.ofStatus(status));
    }
  }

  @Override
  public void onError(Throwable error) {
    int attemptNow;
    synchronized (this) {
      if (settled) return;
      attemptNow = attempt;
    }
    String reason = FailureReasons.ofError(error, timeout);
    switch (retryPolicy.classify(error)) {
      case RETRY -> retryOrFail(attemptNow, null, reason);
      default -> fail(reason);
    }
  }

  private void retryOrFail(int attemptMade, Duration retryAfter, String reason) {
    if (!retryPolicy.hasAttemptsLeft(attemptMade)) {
      fail(reason);
      return;
    }
    Duration delay = retryPolicy.delayAfter(attemptMade, retryAfter);
    synchronized (this) {
      if (settled) return;
      pending = client.schedule(this::sendNextAttempt, delay);
    }
  }

  /** Called by the operator's timeout: stops whatever is pending and fails the endpoint. */
  void giveUp(String reason) {
    synchronized (this) {
      if (settled) return;
      if (pending != null) pending.cancel();
      // Settled before the lock is let go: a retry already waiting for it must find nothing to do.
      settle(null, reason);
    }
  }

  private void fail(String reason) {
    settle(null, reason);
  }

  private void settle(byte[] body, String failure) {
    FetchResult result;
    synchronized (this) {
      if (settled) return;
      settled = true;
      pending = null;
      long now = System.currentTimeMillis();
      result =
          failure == null
              ? FetchResult.success(endpoint, body, attempt, lastStatus, firstSentMillis, now)
              : FetchResult.failure(endpoint, failure, attempt, lastStatus, firstSentMillis, now);
    }
    registry.remove(resultFuture);
    resultFuture.complete(List.of(result));
  }
}
