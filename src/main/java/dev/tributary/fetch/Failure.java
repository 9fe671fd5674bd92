package dev.tributary.fetch;

/**
 * Why one attempt at an endpoint failed: its kind, which decides whether it is worth another
 * attempt, and the reason a dead letter carries, in HTTP's words.
 */
public record Failure(Kind kind, String reason) {

  /** The closed set of ways an attempt can fail. */
  public enum Kind {
    /** 429: the server asks us to slow down. */
    THROTTLED(true),
    /** 408: the server tired of waiting for the request; retried like 429. */
    REQUEST_TIMEOUT(true),
    /**
     * A retryable status whose Retry-After asks for longer than {@code retry.maxRetryAfter}: given
     * up at once rather than stall the job.
     */
    RETRY_AFTER_TOO_LONG(false),
    /** {@code http.totalTimeout} ran out, or the next wait would pass it. */
    TOTAL_TIMEOUT(false),
    /** 5xx: the server failed and may not the next time. */
    SERVER_ERROR(true),
    /** Any other status that is not 2xx: the server's final word on this request. */
    REFUSED_BY_SERVER(false),
    /** No whole answer within the attempt's timeout. */
    TIMEOUT(true),
    /** No connection within the connect timeout. */
    CONNECT_TIMEOUT(true),
    CONNECTION_REFUSED(true),
    CONNECTION_RESET(true),
    /** The server closed the connection before the answer was complete. */
    CONNECTION_CLOSED(true),
    /** Some other trouble of the network (an I/O error of the operating system). */
    NETWORK_ERROR(true),
    UNKNOWN_HOST(true),
    /** A TLS handshake cut short, which may go through the next time. */
    TLS_FAILED(true),
    /** A certificate that does not verify, or a port that does not speak TLS: stays so. */
    TLS_REFUSED(false),
    /** Not HTTP: an unreadable status line or headers, or a body whose encoding is broken. */
    INVALID_RESPONSE(false),
    TOO_MANY_REDIRECTS(false),
    /** A body larger than {@code http.maxResponseBytes}. */
    TOO_LARGE(false),
    /** A URL that cannot be requested at all. */
    MALFORMED_URL(false),
    /** The HTTP client is shutting down (the job is ending or failing over). */
    CLIENT_CLOSING(false),
    /** Anything not foreseen; not retried, since nothing says another attempt would help. */
    UNEXPECTED(false),
    /**
     * A URL or a redirect to a host outside {@code http.allowHosts}, or to a scheme not http(s).
     */
    OUT_OF_SCOPE(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean isRetryable() {
      return retryable;
    }
  }

  public boolean isRetryable() {
    return kind.isRetryable();
  }
}
