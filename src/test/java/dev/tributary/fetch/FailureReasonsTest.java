package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureReasonsTest {

  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @ParameterizedTest
  @ValueSource(ints = {404, 500, 429, 301})
  void namesTheStatus(int status) {
    assertThat(FailureReasons.ofStatus(status)).isEqualTo("http " + status);
  }

  @Test
  void saysATimeoutHappenedAndAfterHowLong() {
    assertThat(
            FailureReasons.ofError(
                new TimeoutException("Request timeout to x after 10000 ms"), TEN_SECONDS))
        .isEqualTo("timeout after 10s");
    assertThat(FailureReasons.ofError(new TimeoutException(), Duration.ofMillis(300)))
        .isEqualTo("timeout after 300ms");
  }

  @Test
  void saysARefusedConnectionWasRefused() {
    assertThat(
            FailureReasons.ofError(
                new ConnectException("Connection refused: /127.0.0.1:1"), TEN_SECONDS))
        .isEqualTo("connection refused");
  }

  @Test
  void tellsAConnectTimeoutFromARefusedConnection() {
    Throwable wrapped = new ConnectException("connect failed");
    wrapped.initCause(new io.netty.channel.ConnectTimeoutException("connection timed out"));
    assertThat(FailureReasons.ofError(wrapped, Duration.ofSeconds(10)))
        .isEqualTo("connect timeout");
  }

  @Test
  void tellsAFailedTlsHandshakeFromARefusedConnection() {
    Throwable wrapped = new ConnectException("handshake failed");
    wrapped.initCause(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
    assertThat(FailureReasons.ofError(wrapped, TEN_SECONDS))
        .isEqualTo("tls handshake failed: SSLHandshakeException: PKIX path building failed");
  }

  @Test
  void saysAClosedChannelWasClosedByTheServer() {
    assertThat(FailureReasons.ofError(new ClosedChannelException(), TEN_SECONDS))
        .isEqualTo("connection closed by the server");
  }

  @Test
  void namesAnUnknownHost() {
    assertThat(FailureReasons.ofError(new UnknownHostException("nowhere.invalid"), TEN_SECONDS))
        .isEqualTo("unknown host nowhere.invalid");
  }

  @Test
  void looksThroughWrappersToTheRootCause() {
    assertThat(
            FailureReasons.ofError(new ExecutionException(new ConnectException("x")), TEN_SECONDS))
        .isEqualTo("connection refused");
    assertThat(
            FailureReasons.ofError(
                new CompletionException(new IOException("outer", new ClosedChannelException())),
                TEN_SECONDS))
        .isEqualTo("connection closed by the server");
    assertThat(
            FailureReasons.ofError(
                new ExecutionException(new TimeoutException()), Duration.ofMillis(300)))
        .isEqualTo("timeout after 300ms");
  }

  @Test
  void stopsAtATimeoutEvenWhenItHasACause() {
    TimeoutException timeout = new TimeoutException("read timed out");
    timeout.initCause(new ConnectException("x"));

    assertThat(FailureReasons.ofError(timeout, TEN_SECONDS)).isEqualTo("timeout after 10s");
  }

  @Test
  void namesAnyOtherErrorByKindAndTheFirstLineOfItsMessage() {
    assertThat(
            FailureReasons.ofError(
                new IllegalStateException("client closed\n\tat somewhere"), TEN_SECONDS))
        .isEqualTo("IllegalStateException: client closed");
    assertThat(FailureReasons.ofError(new IOException("Connection reset by peer"), TEN_SECONDS))
        .isEqualTo("IOException: Connection reset by peer");
  }

  @Test
  void namesAnyOtherErrorByItsRootCause() {
    assertThat(
            FailureReasons.ofError(
                new RuntimeException("wrapper", new IllegalArgumentException("Invalid uri 'x'")),
                TEN_SECONDS))
        .isEqualTo("IllegalArgumentException: Invalid uri 'x'");
  }

  @Test
  void namesAnErrorWithoutAMessageByKindAlone() {
    assertThat(FailureReasons.ofError(new IllegalStateException(), TEN_SECONDS))
        .isEqualTo("IllegalStateException");
    assertThat(FailureReasons.ofError(new IllegalStateException("  "), TEN_SECONDS))
        .isEqualTo("IllegalStateException");
  }

  @Test
  void survivesACycleOfCauses() {
    IOException a = new IOException("a");
    IllegalStateException b = new IllegalStateException("b");
    a.initCause(b);
    b.initCause(a);

    String reason =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> FailureReasons.ofError(a, TEN_SECONDS));

    assertThat(reason).isIn("IOException: a", "IllegalStateException: b");
  }
}
