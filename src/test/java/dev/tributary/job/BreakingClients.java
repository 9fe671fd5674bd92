package dev.tributary.job;

import dev.tributary.config.HttpConfig;
import dev.tributary.fetch.AhcHttpGetClient;
import dev.tributary.fetch.FetchFunction;
import dev.tributary.fetch.HttpGetClient;
import java.time.Duration;

/**
 * Real HTTP clients for the fetch subtasks that break down when {@link #breaksNow} says so: {@code
 * get} throws an {@link Error}, which fails the task (whichever thread sent the request).
 */
abstract class BreakingClients implements FetchFunction.ClientFactory {
  private static final long serialVersionUID = 1L;

  private final String failure;

  BreakingClients(String failure) {
    this.failure = failure;
  }

  /** Asked before each request a subtask sends: true, and this one breaks down instead. */
  abstract boolean breaksNow();

  @Override
  public HttpGetClient create(String threadName) {
    HttpGetClient real =
        new AhcHttpGetClient(
            1, Duration.ofSeconds(5), HttpConfig.DEFAULT_MAX_RESPONSE_BYTES, null, threadName);
    return new HttpGetClient() {
      @Override
      public Cancellable get(String url, int attempt, Duration timeout, Listener listener) {
        if (breaksNow()) throw new Error(failure);
        return real.get(url, attempt, timeout, listener);
      }

      @Override
      public Cancellable schedule(Runnable task, Duration delay) {
        return real.schedule(task, delay);
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }
}
