package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tributary.fetch.Failure.Kind;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.compression.DecompressionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.asynchttpclient.exception.RemotelyClosedException;
import org.asynchttpclient.handler.MaxRedirectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailuresTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private static final long SIXTEEN_MIB = 16L * 1024 * 1024;

  private static Failure of(Throwable error) {
    return Failures.ofError(error, TEN_SECONDS, SIXTEEN_MIB);
  }

  @ParameterizedTest
  @ValueSource(ints = {429})
  void retriesTooManyRequests(int status) {
    assertThat(Failures.ofStatus(status)).isEqualTo(new Failure(Kind.THROTTLED, "http 429"));
  }

  @Test
  void retriesARequestTimeoutLikeTooManyRequests() {
    Failure failure = Failures.ofStatus(408);

    assertThat(failure).isEqualTo(new Failure(Kind.REQUEST_TIMEOUT, "http 408"));
    assertThat(failure.isRetryable()).isTrue();
  }

  @Test
  void aRetryAfterLongerThanTheMaximumIsFinalAndSaysBoth() {
    Failure failure =
        Failures.ofRetryAfterTooLong(429, Duration.ofSeconds(3600), Duration.ofMinutes(5));

    assertThat(failure.kind()).isEqualTo(Kind.RETRY_AFTER_TOO_LONG);
    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.reason())
        .isEqualTo("http 429: Retry-After 3600s is longer than retry.maxRetryAfter (5m)");
  }

  @Test
  void aRetryAfterGivenAsADateIsRoundedUpToTheNextSecond() {
    assertThat(
            Failures.ofRetryAfterTooLong(503, Duration.ofMillis(90_001), Duration.ofSeconds(90))
                .reason())
        .isEqualTo("http 503: Retry-After 91s is longer than retry.maxRetryAfter (90s)");
  }

  @Test
  void theTotalTimeoutIsFinalAndNamesItsKey() {
    Failure failure = Failures.ofTotalTimeout(Duration.ofSeconds(30));

    assertThat(failure.kind()).isEqualTo(Kind.TOTAL_TIMEOUT);
    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.reason())
        .isEqualTo("gave up after 30s across all attempts (http.totalTimeout)");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599})
  void retriesServerErrors(int status) {
    Failure failure = Failures.ofStatus(status);
    assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.reason()).isEqualTo("http " + status);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 199, 301, 304, 400, 401, 403, 404, 407, 409, 430, 499, 600, 999})
  void takesAnyOtherStatusAsTheServersFinalWord(int status) {
    Failure failure = Failures.ofStatus(status);
    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.reason()).isEqualTo("http " + status);
  }

  record Case(Throwable error, Kind kind, String reason) {
    @Override
    public String toString() {
      return reason;
    }
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case(
            new TimeoutException("Request timeout to x after 10000 ms"),
            Kind.TIMEOUT,
            "timeout after 10s"),
        new Case(new ExecutionException(new TimeoutException()), Kind.TIMEOUT, "timeout after 10s"),
        new Case(
            new ConnectException("connect failed")
                .initCause(new io.netty.channel.ConnectTimeoutException("timed out")),
            Kind.CONNECT_TIMEOUT,
            "connect timeout"),
        new Case(
            new ConnectException("Connection refused: /127.0.0.1:1"),
            Kind.CONNECTION_REFUSED,
            "connection refused"),
        new Case(
            new SocketException("Connection reset"), Kind.CONNECTION_RESET, "connection reset"),
        new Case(
            new IOException("recvAddress(..) failed: Connection reset by peer"),
            Kind.CONNECTION_RESET,
            "connection reset"),
        new Case(
            RemotelyClosedException.INSTANCE,
            Kind.CONNECTION_CLOSED,
            "connection closed by the server"),
        new Case(
            new ClosedChannelException(),
            Kind.CONNECTION_CLOSED,
            "connection closed by the server"),
        new Case(
            new PrematureChannelClosureException("channel gone inactive with 1 missing response"),
            Kind.CONNECTION_CLOSED,
            "connection closed by the server"),
        new Case(
            new CompletionException(new IOException("outer", new ClosedChannelException())),
            Kind.CONNECTION_CLOSED,
            "connection closed by the server"),
        new Case(
            new UnknownHostException("nowhere.invalid"),
            Kind.UNKNOWN_HOST,
            "unknown host nowhere.invalid"),
        new Case(
            new MaxRedirectException("Maximum redirect reached: 5"),
            Kind.TOO_MANY_REDIRECTS,
            "too many redirects"),
        new Case(
            new ResponseTooLargeException(SIXTEEN_MIB, 200),
            Kind.TOO_LARGE,
            "response too large (> 16 MiB)"),
        new Case(
            new DecompressionException(
                "HTTP/1.1 response body exceeds the maximum decompressed size of 33554432 bytes"),
            Kind.TOO_LARGE,
            "response too large (> 16 MiB)"),
        new Case(
            new DecompressionException("invalid block type"),
            Kind.INVALID_RESPONSE,
            "invalid HTTP response: broken gzip/deflate body"),
        new Case(
            new NumberFormatException("For input string: \"OK\""),
            Kind.INVALID_RESPONSE,
            "invalid HTTP response: unreadable status line or headers"),
        new Case(
            new DecoderException("too long"),
            Kind.INVALID_RESPONSE,
            "invalid HTTP response: unreadable status line or headers"),
        new Case(
            new ConnectException("handshake")
                .initCause(new SSLHandshakeException("Remote host terminated the handshake")),
            Kind.TLS_FAILED,
            "tls handshake failed: Remote host terminated the handshake"),
        new Case(
            new ConnectException("handshake")
                .initCause(
                    new SSLHandshakeException("PKIX path building failed")
                        .initCause(new CertificateException("unable to verify"))),
            Kind.TLS_REFUSED,
            "tls handshake failed: PKIX path building failed"),
        new Case(
            new ConnectException("handshake")
                .initCause(new io.netty.handler.ssl.NotSslRecordException("not an SSL/TLS record")),
            Kind.TLS_REFUSED,
            "tls handshake failed: the server does not speak TLS on that port (http:// instead?)"),
        new Case(
            new UnsendableRequestException(new IllegalArgumentException("Invalid uri 'x'")),
            Kind.MALFORMED_URL,
            "malformed url: Invalid uri 'x'"),
        new Case(
            new RejectedExecutionException("event executor terminated"),
            Kind.CLIENT_CLOSING,
            "not sent: the HTTP client is closing"),
        new Case(new IOException("Broken pipe"), Kind.NETWORK_ERROR, "network error: Broken pipe"),
        new Case(
            new IllegalStateException("client closed\n\tat somewhere"),
            Kind.UNEXPECTED,
            "unexpected error: client closed"),
        new Case(new NullPointerException(), Kind.UNEXPECTED, "unexpected error: no details"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void classifiesEachErrorWithItsReasonInHttpWords(Case c) {
    assertThat(of(c.error())).isEqualTo(new Failure(c.kind(), c.reason()));
  }

  @Test
  void retriesWhatTheNetworkOrTheServerMayNotDoAgain() {
    assertThat(Kind.TIMEOUT.isRetryable()).isTrue();
    assertThat(Kind.CONNECTION_RESET.isRetryable()).isTrue();
    assertThat(Kind.CONNECTION_CLOSED.isRetryable()).isTrue();
    assertThat(Kind.TLS_FAILED.isRetryable()).isTrue();
    assertThat(Kind.TOO_LARGE.isRetryable()).isFalse();
    assertThat(Kind.INVALID_RESPONSE.isRetryable()).isFalse();
    assertThat(Kind.TOO_MANY_REDIRECTS.isRetryable()).isFalse();
    assertThat(Kind.TLS_REFUSED.isRetryable()).isFalse();
    assertThat(Kind.UNEXPECTED.isRetryable()).isFalse();
  }

  @Test
  void neverNamesAJavaClassInAReason() {
    errors()
        .map(c -> of(c.error()).reason())
        .forEach(reason -> assertThat(reason).doesNotContainPattern("[A-Z][a-z]+Exception"));
  }

  @Test
  void stopsAtATimeoutEvenWhenItHasACause() {
    TimeoutException timeout = new TimeoutException("read timed out");
    timeout.initCause(new ConnectException("x"));

    assertThat(of(timeout).kind()).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void survivesACycleOfCauses() {
    IOException a = new IOException("a");
    IllegalStateException b = new IllegalStateException("b");
    a.initCause(b);
    b.initCause(a);

    Failure failure = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> of(a));

    assertThat(failure.reason()).isEqualTo("network error: a");
  }
}
