package dev.tributary.fetch;

import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts at one endpoint: send, classify, wait and send again, until a response is kept or
 * the endpoint is given up. Completes its result exactly once, whichever of a response, an error or
 * the operator's timeout comes first.
 *
 * <p>Callbacks come from I/O threads and the operator's timeout from the task thread, so the state
 * below is guarded by {@code this}; results are completed and requests called off outside the lock,
 * because calling off a request in AsyncHttpClient runs its error callback on the spot.
 */
final class FetchCall {
  private static final Logger LOG = LoggerFactory.getLogger(FetchCall.class);

  private final Endpoint endpoint;
  private final HttpGetClient client;
  private final Duration timeout;

  /** {@code http.totalTimeout}; null: none. */
  private final Duration totalTimeout;

  private final long maxResponseBytes;
  private final RetryPolicy retryPolicy;
  private final ResultFuture<FetchResult> resultFuture;
  private final Map<ResultFuture<FetchResult>, FetchCall> registry;
  private final FetchMetrics metrics;
  private final AllowedHosts allowedHosts;
  private final Redactor redactor;
  private final RequestGate gate;

  private Origin origin;
  private int attempt;
  private int lastStatus;
  private long firstSentMillis;

  /** When {@link #totalTimeout} runs out, on {@link System#nanoTime()}'s clock. */
  private long deadlineNanos;

  private boolean settled;

  /** What is under way: the turn waited for, the request sent or the wait before the next. */
  private HttpGetClient.Cancellable pending;

  /** The slot the attempt in flight holds; released when it ends, however it ends. */
  private RequestGate.Slot slot;

  /** Gives the endpoint up at its deadline while a retry waits for its turn; null: none set. */
  private HttpGetClient.Cancellable deadlineTimer;

  FetchCall(
      Endpoint endpoint,
      HttpGetClient client,
      Duration timeout,
      Duration totalTimeout,
      long maxResponseBytes,
      RetryPolicy retryPolicy,
      ResultFuture<FetchResult> resultFuture,
      Map<ResultFuture<FetchResult>, FetchCall> registry,
      FetchMetrics metrics,
      AllowedHosts allowedHosts,
      Redactor redactor,
      RequestGate gate) {
    this.endpoint = endpoint;
    this.client = client;
    this.timeout = timeout;
    this.totalTimeout = totalTimeout;
    this.maxResponseBytes = maxResponseBytes;
    this.retryPolicy = retryPolicy;
    this.resultFuture = resultFuture;
    this.registry = registry;
    this.metrics = metrics;
    this.allowedHosts = allowedHosts;
    this.redactor = redactor;
    this.gate = gate;
  }

  void start() {
    String problem = Urls.problemWith(endpoint.url(), allowedHosts);
    if (problem != null) {
      fail(problem);
      return;
    }
    origin = Origin.of(endpoint.url());
    waitForTurn();
  }

  /**
   * Queues the next attempt at the gate, which sends it when its host and a slot allow. A retry
   * still waiting there when {@link #totalTimeout} runs out is given up then, not when its turn
   * comes.
   */
  private void waitForTurn() {
    RequestGate.Ticket ticket = gate.ticket(origin, this::sendAttempt);
    boolean deadlineSet;
    synchronized (this) {
      if (settled) return;
      pending = ticket;
      deadlineSet = totalTimeout != null && attempt > 0;
    }
    if (deadlineSet) {
      try {
        HttpGetClient.Cancellable timer =
            client.schedule(() -> giveUpWaiting(ticket), timeLeft().plusMillis(1));
        synchronized (this) {
          deadlineTimer = timer;
        }
      } catch (RejectedExecutionException closing) {
        // The client is shutting down: the turn will not come either.
      }
    }
    gate.queue(ticket);
  }

  /** The deadline passed while {@code ticket} waited for its turn: the endpoint ends here. */
  private void giveUpWaiting(RequestGate.Ticket ticket) {
    FetchResult result;
    synchronized (this) {
      if (pending != ticket) return; // its turn came
      result = settle(null, Failures.ofTotalTimeout(totalTimeout).reason());
      if (result == null) return;
      pending = null;
    }
    ticket.cancel();
    complete(result);
  }

  private void sendAttempt(RequestGate.Slot granted) {
    int number;
    Duration attemptTimeout = timeout;
    boolean alreadySettled;
    HttpGetClient.Cancellable timerOff;
    synchronized (this) {
      timerOff = deadlineTimer;
      deadlineTimer = null;
      alreadySettled = settled;
      if (!settled) {
        slot = granted;
        if (attempt == 0) {
          firstSentMillis = System.currentTimeMillis();
          if (totalTimeout != null) deadlineNanos = System.nanoTime() + totalTimeout.toNanos();
        }
        if (totalTimeout != null) {
          // An attempt never runs past the endpoint's deadline.
          Duration left = timeLeft();
          if (left.toMillis() < 1) {
            attemptTimeout = null;
          } else if (left.compareTo(timeout) < 0) {
            attemptTimeout = Duration.ofMillis(left.toMillis());
          }
        }
        pending = null;
        if (attemptTimeout != null) ++attempt;
      }
      number = attempt;
    }
    if (timerOff != null) timerOff.cancel();
    if (alreadySettled) {
      // Given back outside this call's lock: releasing may start other calls' attempts.
      granted.release();
      return;
    }
    if (attemptTimeout == null) {
      granted.release();
      fail(Failures.ofTotalTimeout(totalTimeout).reason());
      return;
    }
    HttpGetClient.Cancellable request;
    try {
      request = client.get(endpoint.url(), number, attemptTimeout, new Attempt(number, granted));
    } catch (RuntimeException e) {
      // The client is closing and takes no more requests.
      granted.release();
      fail(Failures.ofError(e, timeout, maxResponseBytes).reason());
      return;
    } catch (Error e) {
      // Not this endpoint's failure but the task's. The attempt may have been started by another
      // endpoint's answer, on an I/O thread where a throw would go unheard: Flink hears it here.
      granted.release();
      failTheTask(e);
      return;
    }
    metrics.requestSent();
    boolean calledOff;
    synchronized (this) {
      // The answer may already be in (AHC can fail a request before get returns) and have moved
      // on to a retry or a result: only a request still waiting for its answer is kept.
      calledOff = settled;
      if (!settled && attempt == number && pending == null) pending = request;
    }
    if (calledOff) request.cancel();
  }

  /**
   * Hears how one attempt ended and gives its slot back, after any cool-down it causes is set;
   * answers for an attempt that is no longer current are ignored.
   */
  private final class Attempt implements HttpGetClient.Listener {
    private final int number;
    private final RequestGate.Slot slot;

    Attempt(int number, RequestGate.Slot slot) {
      this.number = number;
      this.slot = slot;
    }

    @Override
    public void onResponse(int status, String retryAfter, byte[] body) {
      try {
        settleResponse(status, retryAfter, body);
      } finally {
        slot.release();
      }
    }

    @Override
    public void onError(Throwable error) {
      try {
        settleError(error);
      } finally {
        slot.release();
      }
    }

    private void settleResponse(int status, String retryAfter, byte[] body) {
      synchronized (FetchCall.this) {
        if (settled || attempt != number) return;
        lastStatus = status;
      }
      if (status >= 200 && status < 300) {
        succeed(body);
        return;
      }
      Failure failure = Failures.ofStatus(status);
      if (failure.isRetryable()) {
        retryOrFail(number, status, RetryAfter.parse(retryAfter, Instant.now()), failure.reason());
      } else {
        fail(failure.reason());
      }
    }

    private void settleError(Throwable error) {
      synchronized (FetchCall.this) {
        if (settled || attempt != number) return;
        // A body cut off for its size came with a status line: the dead letter shows it.
        if (error instanceof ResponseTooLargeException tooLarge) lastStatus = tooLarge.status();
      }
      Failure failure = Failures.ofError(error, timeout, maxResponseBytes);
      if (failure.kind() == Failure.Kind.UNEXPECTED) {
        // The dead letter has the message alone; what is needed to find the cause goes here.
        // Without the stack trace: an error's messages may quote the URL, so they are redacted.
        LOG.warn(
            "Unexpected error fetching {}: {}", endpoint.name(), redactor.text(describe(error)));
      }
      if (failure.isRetryable()) {
        retryOrFail(number, 0, null, failure.reason());
      } else {
        fail(failure.reason());
      }
    }
  }

  /**
   * @param status the response's status, 0 for an error
   * @param retryAfter the delay the server asked for, null when none
   */
  private void retryOrFail(int attemptMade, int status, Duration retryAfter, String reason) {
    // Drawn once: without a Retry-After, the host cools down for the backoff this endpoint waits.
    Duration delay = retryPolicy.delayAfter(attemptMade, retryAfter);
    if (Failures.slowsTheHost(status)) {
      // The host asked everyone to slow down, whether or not this endpoint tries again; never for
      // longer than any endpoint would wait.
      Duration longest = retryPolicy.maxRetryAfter();
      gate.coolDown(origin, delay.compareTo(longest) > 0 ? longest : delay);
    }
    if (totalTimeout != null && timeLeft().toMillis() < 1) {
      // The attempt was cut short by the deadline: its own reason would mislead.
      fail(Failures.ofTotalTimeout(totalTimeout).reason());
      return;
    }
    if (!retryPolicy.hasAttemptsLeft(attemptMade)) {
      fail(reason);
      return;
    }
    if (retryAfter != null && !retryPolicy.allowsRetryAfter(retryAfter)) {
      fail(Failures.ofRetryAfterTooLong(status, retryAfter, retryPolicy.maxRetryAfter()).reason());
      return;
    }
    if (totalTimeout != null && delay.compareTo(timeLeft()) >= 0) {
      // No retry is started that could not even begin before the deadline.
      fail(Failures.ofTotalTimeout(totalTimeout).reason());
      return;
    }
    synchronized (this) {
      if (settled) return;
      try {
        pending = client.schedule(this::waitForTurn, delay);
        return;
      } catch (RejectedExecutionException closing) {
        // The client is shutting down; fall through and fail the endpoint below.
      }
    }
    fail(reason + " (no retry: the HTTP client is closing)");
  }

  /** What is left of {@link #totalTimeout}; only when there is one and the first attempt went. */
  private Duration timeLeft() {
    long left;
    synchronized (this) {
      left = deadlineNanos - System.nanoTime();
    }
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** Called by the operator's timeout: fails the endpoint and calls off whatever is pending. */
  void giveUp(String reason) {
    HttpGetClient.Cancellable toCancel;
    FetchResult result;
    synchronized (this) {
      result = settle(null, reason);
      if (result == null) return;
      toCancel = pending;
      pending = null;
    }
    if (toCancel != null) toCancel.cancel();
    releaseSlot();
    complete(result);
  }

  /** Whether no attempt has been sent yet: the endpoint is still waiting for its host's turn. */
  synchronized boolean neverSent() {
    return attempt == 0;
  }

  /**
   * Gives back the slot of the attempt called off: a request called off before it went out is never
   * answered, so its listener would not.
   */
  private void releaseSlot() {
    RequestGate.Slot held;
    synchronized (this) {
      held = slot;
      slot = null;
    }
    if (held != null) held.release();
  }

  /**
   * The operator is closing (job cancelled or failing over): stops without a result. Flink drops
   * the elements still in flight and, on restore, sends them again from the last checkpoint.
   */
  void abandon() {
    HttpGetClient.Cancellable toCancel;
    synchronized (this) {
      if (settled) return;
      settled = true;
      toCancel = pending;
      pending = null;
    }
    if (toCancel != null) toCancel.cancel();
    releaseSlot();
  }

  private void succeed(byte[] body) {
    FetchResult result;
    synchronized (this) {
      result = settle(body, null);
    }
    if (result != null) complete(result);
  }

  private void fail(String reason) {
    FetchResult result;
    synchronized (this) {
      result = settle(null, reason);
    }
    if (result != null) complete(result);
  }

  /**
   * Marks the call settled and builds its result; null when it was settled already. The result
   * carries the endpoint's URL and the reason redacted: downstream they are only shown (dead
   * letters), so no secret leaves the fetch stage.
   */
  private FetchResult settle(byte[] body, String failure) {
    if (settled) return null;
    settled = true;
    long now = System.currentTimeMillis();
    Endpoint shown = redactor.endpoint(endpoint);
    return failure == null
        ? FetchResult.success(shown, body, attempt, lastStatus, firstSentMillis, now)
        : FetchResult.failure(
            shown, redactor.text(failure), attempt, lastStatus, firstSentMillis, now);
  }

  /** Each error of the chain as {@code Type: message}, for a log line. */
  private static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t : Causes.of(error)) {
      if (text.length() > 0) text.append(" <- ");
      text.append(t.getClass().getName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  /** Fails the task, which Flink restarts from its last checkpoint, this endpoint included. */
  private void failTheTask(Error error) {
    synchronized (this) {
      if (settled) return;
      settled = true;
    }
    registry.remove(resultFuture);
    resultFuture.completeExceptionally(error);
  }

  private void complete(FetchResult result) {
    registry.remove(resultFuture);
    metrics.endpointSettled(result);
    resultFuture.complete(List.of(result));
  }
}
