package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The job file's {@code http.retry:} section; valid once constructed.
 *
 * @param maxAttempts attempts per endpoint, the first one included, 1 to {@link #MAX_MAX_ATTEMPTS}
 * @param backoff the cap on the (randomly drawn) wait before the second attempt; 0 or more
 * @param maxBackoff cap on any backoff between attempts (full jitter: each wait is drawn from 0 to
 *     min(maxBackoff, backoff × 2^(n−1))); at least {@code backoff}; a server's Retry-After is not
 *     capped by it
 * @param maxRetryAfter the longest Retry-After a server may ask for; one asking for longer fails
 *     its endpoint at once rather than stall the job; more than 0
 */
public record RetryConfig(
    int maxAttempts, Duration backoff, Duration maxBackoff, Duration maxRetryAfter)
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

  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(5);

  public RetryConfig {
    if (maxAttempts < 1 || maxAttempts > MAX_MAX_ATTEMPTS) {
      throw new ConfigException(
          "maxAttempts", "must be between 1 and " + MAX_MAX_ATTEMPTS + ", got " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (backoff.isNegative()) {
      throw new ConfigException(
          "backoff", "must not be negative, got " + Durations.format(backoff));
    }
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new ConfigException(
          "maxBackoff",
          "must be at least backoff ("
              + Durations.format(backoff)
              + "), got "
              + Durations.format(maxBackoff));
    }
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxRetryAfter.isNegative() || maxRetryAfter.isZero()) {
      throw new ConfigException(
          "maxRetryAfter", "must be more than 0, got " + Durations.format(maxRetryAfter));
    }
  }

  /** The section with the default maxRetryAfter. */
  public RetryConfig(int maxAttempts, Duration backoff, Duration maxBackoff) {
    this(maxAttempts, backoff, maxBackoff, DEFAULT_MAX_RETRY_AFTER);
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static RetryConfig of(
      @JsonProperty("maxAttempts") Integer maxAttempts,
      @JsonProperty("backoff") String backoff,
      @JsonProperty("maxBackoff") String maxBackoff,
      @JsonProperty("maxRetryAfter") String maxRetryAfter) {
    Duration wait = ConfigValues.duration("backoff", backoff, DEFAULT_BACKOFF);
    Duration defaultCap = wait.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? wait : DEFAULT_MAX_BACKOFF;
    return new RetryConfig(
        maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts,
        wait,
        ConfigValues.duration("maxBackoff", maxBackoff, defaultCap),
        ConfigValues.duration("maxRetryAfter", maxRetryAfter, DEFAULT_MAX_RETRY_AFTER));
  }

  public static RetryConfig defaults() {
    return new RetryConfig(
        DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRY_AFTER);
  }
}
