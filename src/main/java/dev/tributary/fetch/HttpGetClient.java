package dev.tributary.fetch;

import java.time.Duration;

/**
 * The narrow slice of an HTTP client the fetch stage needs: send a GET, and wait without blocking.
 */
public interface HttpGetClient extends AutoCloseable {

  /** Hears how one GET ended: exactly one method is called once, on an I/O thread. */
  interface Listener {
    void onResponse(int status, String retryAfter, byte[] body);

    void onError(Throwable error);
  }

  /** Something started that can be called off. */
  interface Cancellable {
    void cancel();
  }

  /**
   * Sends one GET, giving up after {@code timeout}.
   *
   * @param attempt 1-based attempt number, sent along so a server (the demo API) can tell retries
   *     apart
   */
  Cancellable get(String url, int attempt, Duration timeout, Listener listener);

  /** Runs {@code task} after {@code delay} on the client's own timer. */
  Cancellable schedule(Runnable task, Duration delay);

  /** Closes connections and stops every thread the client started, waiting for them. */
  @Override
  void close();
}
