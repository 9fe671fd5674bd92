package dev.tributary.fetch;

import dev.tributary.config.RetryConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many attempts an endpoint gets and how long to wait before the next ({@link Failures} decides
 * which failures are worth one).
 *
 * <p>Backoff is exponential with full jitter: the wait after attempt n is drawn uniformly from 0 to
 * min(maxBackoff, backoff × 2^(n−1)), so endpoints that failed together do not come back together.
 * A server's Retry-After is waited as asked, up to maxRetryAfter.
 *
 * <p>Delays are computed from the attempt number and a random draw alone, never from state carried
 * between attempts, so a late or repeated callback cannot skew them.
 */
public final class RetryPolicy implements Serializable {
  private static final long serialVersionUID = 2L;

  /** A uniform draw from [0, 1); a test passes a fixed one. */
  @FunctionalInterface
  public interface Jitter extends Serializable {
    double next();
  }

  /** Thread-safe: calls are settled on whichever I/O thread heard the answer. */
  private static final Jitter RANDOM = () -> ThreadLocalRandom.current().nextDouble();

  private final int maxAttempts;
  private final long backoffMillis;
  private final long maxBackoffMillis;
  private final Duration maxRetryAfter;
  private final Jitter jitter;

  public RetryPolicy(RetryConfig config) {
    this(config, RANDOM);
  }

  public RetryPolicy(RetryConfig config, Jitter jitter) {
    this.maxAttempts = config.maxAttempts();
    this.backoffMillis = config.backoff().toMillis();
    this.maxBackoffMillis = config.maxBackoff().toMillis();
    this.maxRetryAfter = config.maxRetryAfter();
    this.jitter = jitter;
  }

  public boolean hasAttemptsLeft(int attemptsMade) {
    return attemptsMade < maxAttempts;
  }

  /** Whether a server's Retry-After is short enough to wait for (at most maxRetryAfter). */
  public boolean allowsRetryAfter(Duration retryAfter) {
    return retryAfter.compareTo(maxRetryAfter) <= 0;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * How long to wait after failed attempt {@code attempt} (1-based): the server's Retry-After as
   * asked (not jittered, not capped by maxBackoff: check it with {@link #allowsRetryAfter} first),
   * or else a backoff drawn by {@link #backoffAfter}.
   *
   * @param retryAfter the delay the server asked for, {@code null} when it asked none
   */
  public Duration delayAfter(int attempt, Duration retryAfter) {
    return retryAfter != null ? retryAfter : backoffAfter(attempt);
  }

  /** Full jitter: a wait drawn uniformly from 0 to {@link #backoffCapAfter} (both included). */
  public Duration backoffAfter(int attempt) {
    long cap = backoffCapAfter(attempt).toMillis();
    double draw = jitter.next();
    if (!(draw >= 0)) draw = 0; // NaN too
    if (draw >= 1) draw = Math.nextDown(1.0);
    return Duration.ofMillis(Math.min(cap, (long) (draw * (cap + 1))));
  }

  /** backoff × 2^(attempt−1), saturating at maxBackoff instead of overflowing. */
  public Duration backoffCapAfter(int attempt) {
    int doublings = Math.max(0, attempt - 1);
    if (backoffMillis == 0) return Duration.ZERO;
    if (doublings >= Long.numberOfLeadingZeros(backoffMillis) - 1) {
      return Duration.ofMillis(maxBackoffMillis);
    }
    return Duration.ofMillis(Math.min(backoffMillis << doublings, maxBackoffMillis));
  }

  /**
   * The longest an endpoint can take through every attempt and wait, each attempt capped at {@code
   * timeout} and each wait at the longer of maxBackoff and maxRetryAfter.
   */
  public Duration worstCase(Duration timeout) {
    Duration longestWait =
        maxRetryAfter.compareTo(Duration.ofMillis(maxBackoffMillis)) > 0
            ? maxRetryAfter
            : Duration.ofMillis(maxBackoffMillis);
    return timeout.multipliedBy(maxAttempts).plus(longestWait.multipliedBy(maxAttempts - 1));
  }
}
