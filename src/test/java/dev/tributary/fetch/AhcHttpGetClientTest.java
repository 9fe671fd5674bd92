package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.fetch.HostileServer.Route;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
        new AhcHttpGetClient(1, TIMEOUT, maxResponseBytes, null, "client-test")) {
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

  @Test
  void sendsTheAttemptNumberOnlyInAHeaderTheJobFileNames() throws Exception {
    List<HttpHeaders> seen = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer headers =
        LoopbackHttpServer.start(
            0,
            request -> {
              seen.add(request.headers());
              return LoopbackHttpServer.Reply.json(200, "[]");
            })) {
      String url = "http://127.0.0.1:" + headers.port() + "/x";
      getOnce(url, null, 1);
      getOnce(url, "X-Try", 2);

      assertThat(seen).hasSize(2);
      assertThat(seen.get(0).names())
          .noneMatch(name -> name.equalsIgnoreCase(LoopbackHttpServer.ATTEMPT_HEADER))
          .noneMatch(name -> name.equalsIgnoreCase("X-Try"));
      assertThat(seen.get(1).get("X-Try")).isEqualTo("2");
    }
  }

  private static void getOnce(String url, String attemptHeader, int attempt) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    try (AhcHttpGetClient client =
        new AhcHttpGetClient(1, TIMEOUT, ONE_MIB, attemptHeader, "client-test")) {
      client.get(
          url,
          attempt,
          TIMEOUT,
          new HttpGetClient.Listener() {
            @Override
            public void onResponse(int code, String retryAfter, byte[] body) {
              status.complete(code);
            }

            @Override
            public void onError(Throwable error) {
              status.completeExceptionally(error);
            }
          });
      assertThat(status.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
    }
  }
}
