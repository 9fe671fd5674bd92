package dev.tributary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The job file's {@code http:} section; valid once constructed.
 *
 * @param concurrency hard bound on requests in flight for the whole job, 1 to {@link
 *     #MAX_CONCURRENCY}
 * @param timeout limit on one attempt, from sending the request to the end of the body; more than 0
 * @param maxResponseBytes largest response body accepted (decoded size), at least 1 byte
 * @param retry when and how failed attempts are repeated
 * @param attemptHeader name of a request header that carries the attempt number (1, 2, ...), for
 *     servers that tell retries apart (the demo API draws its faults from it); null: none is sent
 */
public record HttpConfig(
    int concurrency,
    Duration timeout,
    long maxResponseBytes,
    RetryConfig retry,
    String attemptHeader)
    implements Serializable {

  public static final int DEFAULT_CONCURRENCY = 50;

  /**
   * Each request in flight holds a connection, and a process may usually hold only a few tens of
   * thousands of open files; the async operator also allocates its queue for this many up front.
   */
  public static final int MAX_CONCURRENCY = 10_000;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  /** A header name as RFC 9110 allows it (a token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  public HttpConfig {
    if (concurrency < 1) {
      throw new ConfigException("concurrency", "must be at least 1, got " + concurrency);
    }
    if (concurrency > MAX_CONCURRENCY) {
      throw new ConfigException(
          "concurrency",
          "must be at most "
              + MAX_CONCURRENCY
              + " (each request in flight holds a connection), got "
              + concurrency);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException("timeout", "must be more than 0, got " + Durations.format(timeout));
    }
    if (maxResponseBytes < 1) {
      throw new ConfigException(
          "maxResponseBytes", "must be at least 1 byte, got " + maxResponseBytes);
    }
    Objects.requireNonNull(retry, "retry");
    if (attemptHeader != null && !HEADER_NAME.matcher(attemptHeader).matches()) {
      throw new ConfigException(
          "attemptHeader",
          "not a header name (letters, digits and !#$%&'*+-.^_`|~ only): "
              + Messages.quote(attemptHeader));
    }
  }

  /** The same section without an attempt header (the default). */
  public HttpConfig(int concurrency, Duration timeout, long maxResponseBytes, RetryConfig retry) {
    this(concurrency, timeout, maxResponseBytes, retry, null);
  }

  /** The section as the job file gives it; a key not given takes its default. */
  @JsonCreator
  static HttpConfig of(
      @JsonProperty("concurrency") Integer concurrency,
      @JsonProperty("timeout") String timeout,
      @JsonProperty("maxResponseBytes") String maxResponseBytes,
      @JsonProperty("retry") RetryConfig retry,
      @JsonProperty("attemptHeader") String attemptHeader) {
    return new HttpConfig(
        concurrency == null ? DEFAULT_CONCURRENCY : concurrency,
        ConfigValues.duration("timeout", timeout, DEFAULT_TIMEOUT),
        ConfigValues.size("maxResponseBytes", maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
        retry == null ? RetryConfig.defaults() : retry,
        attemptHeader);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(
        DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, RetryConfig.defaults());
  }
}
