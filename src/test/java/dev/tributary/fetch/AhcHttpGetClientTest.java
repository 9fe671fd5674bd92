package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.fetch.HostileServer.Route;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production client against a real server on 127.0.0.1: what reaches the listener. */
class AhcHttpGetClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long ONE_MIB = 1024 * 1024;

  private static HostileServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = HostileServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** How one GET ended: a response or an error. */
  record Ended(int status, byte[] body, Throwable error) {}

  private static Ended get(Route route, long maxResponseBytes) throws Exception {
    CompletableFuture<Ended> ended = new CompletableFuture<>();
    try (AhcHttpGetClient client =
        new AhcHttpGetClient(1, TIMEOUT, maxResponseBytes, "client-test")) {
      client.get(
          server.url(route),
          1,
          TIMEOUT,
          new HttpGetClient.Listener() {
            @Override
            public void onResponse(int status, String retryAfter, byte[] body) {
              ended.complete(new Ended(status, body, null));
            }

            @Override
            public void onError(Throwable error) {
              ended.complete(new Ended(0, null, error));
            }
          });
      return ended.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBodyUpToTheLimitIsKeptWhole() throws Exception {
    byte[] good = HostileServer.GOOD_BODY.getBytes(StandardCharsets.UTF_8);

    Ended ended = get(Route.GOOD, good.length);

    assertThat(ended.error()).isNull();
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.body()).isEqualTo(good);
  }

  @Test
  void aBodyOneByteOverTheLimitIsTooLarge() throws Exception {
    long limit = HostileServer.GOOD_BODY.getBytes(StandardCharsets.UTF_8).length - 1;

    assertThat(get(Route.GOOD, limit).error()).isInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeItsBody() throws Exception {
    assertThat(get(Route.HUGE_DECLARED, ONE_MIB).error())
        .isInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void anEndlessBodyIsCutOffAtTheLimit() throws Exception {
    assertThat(get(Route.HUGE_CHUNKED, ONE_MIB).error())
        .isInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void aCompressedBodyCountsAtItsDecodedSize() throws Exception {
    assertThat(get(Route.GZIP_BOMB, ONE_MIB).error()).isInstanceOf(ResponseTooLargeException.class);
    assertThat(get(Route.DEFLATE_BOMB, ONE_MIB).error())
        .isInstanceOf(ResponseTooLargeException.class);
  }

  @Test
  void anEmptyBodyIsAnEmptyResponse() throws Exception {
    Ended ended = get(Route.EMPTY_200, ONE_MIB);

    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.body()).isEmpty();
  }
}
