package dev.tributary.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The job file's {@code http.retry:} section.
 *
 * @param maxAttempts attempts per endpoint, the first one included
 * @param backoff the wait before the second attempt
 * @param maxBackoff cap on any single wait between attempts, a server's Retry-After included
 */
public record RetryConfig(int maxAttempts, Duration backoff, Duration maxBackoff)
    implements Serializable {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /**
   * More attempts than this are a typo, not a policy: the worst case of all attempts and waits sets
   * the async operator's timeout, and must stay a sane number.
   */
  public static final int MAX_MAX_ATTEMPTS = 100;

  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

  /** Used when maxBackoff is not given, unless backoff is longer: then maxBackoff is backoff. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  public static RetryConfig defaults() {
    return new RetryConfig(DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF);
  }
}
