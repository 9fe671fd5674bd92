package dev.tributary.fetch;

import dev.tributary.config.RetryConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * How many attempts an endpoint gets and how long to wait before the next ({@link Failures} decides
 * which failures are worth one).
 *
 * <p>Delays are computed from the attempt number alone, never from state carried between attempts,
 * so a late or repeated callback cannot skew them.
 */
public final class RetryPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxAttempts;
  private final long backoffMillis;
  private final long maxBackoffMillis;

  public RetryPolicy(RetryConfig config) {
    this.maxAttempts = config.maxAttempts();
    this.backoffMillis = config.backoff().toMillis();
    this.maxBackoffMillis = config.maxBackoff().toMillis();
  }

  public boolean hasAttemptsLeft(int attemptsMade) {
    return attemptsMade < maxAttempts;
  }

  /**
   * How long to wait after failed attempt {@code attempt} (1-based): backoff × 2^(attempt−1), or
   * the server's Retry-After when that is longer, never more than maxBackoff.
   *
   * @param retryAfter the delay the server asked for, {@code null} when it asked none
   */
  public Duration delayAfter(int attempt, Duration retryAfter) {
    long delay = exponentialMillis(attempt);
    if (retryAfter != null && retryAfter.compareTo(Duration.ofMillis(delay)) > 0) {
      // Compared as Durations: a server may ask for more milliseconds than a long holds.
      delay =
          retryAfter.compareTo(Duration.ofMillis(maxBackoffMillis)) >= 0
              ? maxBackoffMillis
              : retryAfter.toMillis();
    }
    return Duration.ofMillis(Math.min(delay, maxBackoffMillis));
  }

  /** backoff × 2^(attempt−1), saturating at maxBackoff instead of overflowing. */
  private long exponentialMillis(int attempt) {
    int doublings = Math.max(0, attempt - 1);
    if (backoffMillis == 0) return 0;
    if (doublings >= Long.numberOfLeadingZeros(backoffMillis) - 1) return maxBackoffMillis;
    return Math.min(backoffMillis << doublings, maxBackoffMillis);
  }

  /**
   * The longest an endpoint can take through every attempt and wait, each attempt capped at {@code
   * timeout}.
   */
  public Duration worstCase(Duration timeout) {
    return timeout
        .multipliedBy(maxAttempts)
        .plus(Duration.ofMillis(maxBackoffMillis).multipliedBy(maxAttempts - 1));
  }
}
