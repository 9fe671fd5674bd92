package dev.tributary.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The job file's {@code http:} section.
 *
 * @param concurrency hard bound on requests in flight for the whole job
 * @param timeout limit on one attempt, from sending the request to the end of the body
 * @param retry when and how failed attempts are repeated
 */
public record HttpConfig(int concurrency, Duration timeout, RetryConfig retry)
    implements Serializable {

  public static final int DEFAULT_CONCURRENCY = 50;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, RetryConfig.defaults());
  }
}
