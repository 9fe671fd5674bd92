package dev.tributary.fetch;

import dev.tributary.config.DataSizes;
import dev.tributary.config.Durations;
import dev.tributary.fetch.Failure.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.asynchttpclient.exception.ChannelClosedException;
import org.asynchttpclient.exception.RemotelyClosedException;
import org.asynchttpclient.handler.MaxRedirectException;

/**
 * The one classifier of failed attempts: a status or an error becomes a {@link Failure} of one
 * kind, retryable or not, with its reason. Nothing else walks an error's causes.
 */
public final class Failures {
  /** The longest piece of a server's or the system's own message kept in a reason. */
  private static final int MAX_DETAIL = 120;

  private Failures() {}

  /** A response whose status is not 2xx. */
  public static Failure ofStatus(int status) {
    String reason = "http " + status;
    if (status == 429) return new Failure(Kind.THROTTLED, reason);
    if (status == 408) return new Failure(Kind.REQUEST_TIMEOUT, reason);
    if (status >= 500 && status < 600) return new Failure(Kind.SERVER_ERROR, reason);
    return new Failure(Kind.REFUSED_BY_SERVER, reason);
  }

  /**
   * Whether a response of this status tells the whole host to slow down (429 Too Many Requests, 503
   * Service Unavailable), not just this request to try again.
   */
  static boolean slowsTheHost(int status) {
    return status == 429 || status == 503;
  }

  /**
   * A retryable status whose Retry-After is longer than {@code retry.maxRetryAfter}.
   *
   * @param asked the delay the server asked for
   * @param max {@code retry.maxRetryAfter}
   */
  public static Failure ofRetryAfterTooLong(int status, Duration asked, Duration max) {
    // In seconds, as the header says it (an HTTP date is rounded up to the next second).
    long seconds = asked.getSeconds() + (asked.getNano() > 0 ? 1 : 0);
    return new Failure(
        Kind.RETRY_AFTER_TOO_LONG,
        "http "
            + status
            + ": Retry-After "
            + seconds
            + "s is longer than retry.maxRetryAfter ("
            + Durations.format(max)
            + ")");
  }

  /** The endpoint's {@code http.totalTimeout} ran out, or the next wait would pass it. */
  public static Failure ofTotalTimeout(Duration totalTimeout) {
    return new Failure(
        Kind.TOTAL_TIMEOUT,
        "gave up after "
            + Durations.format(totalTimeout)
            + " across all attempts (http.totalTimeout)");
  }

  /**
   * An attempt that ended in an error rather than a response.
   *
   * @param timeout the attempt's timeout, named in the reason when it ran out
   * @param maxResponseBytes the body limit, named in the reason when a body passed it
   */
  public static Failure ofError(Throwable error, Duration timeout, long maxResponseBytes) {
    List<Throwable> chain = Causes.of(error);
    // Most specific first: AsyncHttpClient wraps every failure of the connect phase (a TLS
    // handshake, a connect timeout) in a ConnectException, and most of them are IOExceptions.
    if (has(chain, ResponseTooLargeException.class) || decompressedTooMuch(chain)) {
      return new Failure(
          Kind.TOO_LARGE, "response too large (> " + DataSizes.format(maxResponseBytes) + ")");
    }
    if (has(chain, DecompressionException.class)) {
      return new Failure(Kind.INVALID_RESPONSE, "invalid HTTP response: broken gzip/deflate body");
    }
    if (has(chain, ConnectTimeoutException.class)) {
      return new Failure(Kind.CONNECT_TIMEOUT, "connect timeout");
    }
    if (has(chain, TimeoutException.class)) {
      return new Failure(Kind.TIMEOUT, "timeout after " + Durations.format(timeout));
    }
    RefusedUrlException refused = find(chain, RefusedUrlException.class);
    if (refused != null) {
      Kind kind = refused.isTooManyRedirects() ? Kind.TOO_MANY_REDIRECTS : Kind.OUT_OF_SCOPE;
      return new Failure(kind, refused.getMessage());
    }
    if (has(chain, MaxRedirectException.class)) {
      return new Failure(Kind.TOO_MANY_REDIRECTS, "too many redirects");
    }
    UnknownHostException unknownHost = find(chain, UnknownHostException.class);
    if (unknownHost != null) {
      return new Failure(Kind.UNKNOWN_HOST, "unknown host " + detail(unknownHost));
    }
    if (has(chain, NotSslRecordException.class)) {
      // Its message is a hex dump of what came back instead.
      return new Failure(
          Kind.TLS_REFUSED,
          "tls handshake failed: the server does not speak TLS on that port (http:// instead?)");
    }
    SSLException tls = find(chain, SSLException.class);
    if (tls != null) {
      Kind kind = has(chain, CertificateException.class) ? Kind.TLS_REFUSED : Kind.TLS_FAILED;
      return new Failure(kind, "tls handshake failed: " + detail(tls));
    }
    if (has(chain, ConnectException.class)) {
      return new Failure(Kind.CONNECTION_REFUSED, "connection refused");
    }
    if (isReset(chain)) return new Failure(Kind.CONNECTION_RESET, "connection reset");
    if (has(chain, RemotelyClosedException.class)
        || has(chain, ChannelClosedException.class)
        || has(chain, ClosedChannelException.class)
        || has(chain, PrematureChannelClosureException.class)) {
      return new Failure(Kind.CONNECTION_CLOSED, "connection closed by the server");
    }
    if (has(chain, UnsendableRequestException.class)) {
      return new Failure(
          Kind.MALFORMED_URL,
          "malformed url: " + detail(find(chain, UnsendableRequestException.class)));
    }
    if (has(chain, RejectedExecutionException.class)) {
      return new Failure(Kind.CLIENT_CLOSING, "not sent: the HTTP client is closing");
    }
    if (isInvalidHttp(chain)) {
      return new Failure(
          Kind.INVALID_RESPONSE, "invalid HTTP response: unreadable status line or headers");
    }
    IOException io = find(chain, IOException.class);
    if (io != null) return new Failure(Kind.NETWORK_ERROR, "network error: " + detail(io));
    return new Failure(Kind.UNEXPECTED, "unexpected error: " + detail(chain.get(0)));
  }

  /** AsyncHttpClient's own bound on a decoded body, set above ours as a second guard. */
  private static boolean decompressedTooMuch(List<Throwable> chain) {
    DecompressionException e = find(chain, DecompressionException.class);
    return e != null && String.valueOf(e.getMessage()).contains("maximum decompressed size");
  }

  private static boolean isReset(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof IOException
          && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connection reset")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Netty's HTTP decoder reports a response it cannot read (a garbage status line, a header line
   * too long) as the decoder's own exception or as the parse error it hit on the way.
   */
  private static boolean isInvalidHttp(List<Throwable> chain) {
    return has(chain, DecoderException.class) || has(chain, IllegalArgumentException.class);
  }

  private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
    return find(chain, type) != null;
  }

  private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
    for (Throwable t : chain) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }

  /** An error's own message, first line, cut short; never its class name. */
  private static String detail(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) return "no details";
    String line = message.strip().lines().findFirst().orElse("").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
