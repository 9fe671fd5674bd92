package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.demo.LoopbackHttpServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopbackHttpServerTest extends HttpTestSupport {
  private static final Reply OK = Reply.json(200, "{\"ok\":true}");

  @Test
  void countsPeakInFlightOfConcurrentDelayedRequests() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, request -> OK.after(Duration.ofMillis(200)))) {
      List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(
            client.sendAsync(
                get(server, "/c/" + i).build(), HttpResponse.BodyHandlers.ofByteArray()));
      }
      for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
        assertThat(answer.get(4, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      awaitUntil("nothing is in flight", () -> server.inFlight() == 0);
      assertThat(server.peakInFlight()).isEqualTo(20);

      for (int i = 0; i < 3; i++) assertThat(send(server, "/s/" + i).statusCode()).isEqualTo(200);
      assertThat(server.peakInFlight()).isEqualTo(20);
      assertThat(server.inFlight()).isZero();
      assertThat(server.requests()).isEqualTo(23);
    }
  }

  @Test
  void sequentialRequestsNeverCountAsMoreThanOneInFlight() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> OK)) {
      for (int i = 0; i < 50; i++) assertThat(send(server, "/x").statusCode()).isEqualTo(200);
      assertThat(server.requests()).isEqualTo(50);
      assertThat(server.peakInFlight()).isEqualTo(1);
    }
  }

  @Test
  void resetCountersRestartsThePeakFromWhatIsInFlightNow() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> OK)) {
      send(server, "/a");
      server.resetCounters();
      assertThat(server.requests()).isZero();
      assertThat(server.peakInFlight()).isZero();
      send(server, "/a");
      assertThat(server.requests()).isEqualTo(1);
      assertThat(server.peakInFlight()).isEqualTo(1);
    }
  }

  @Test
  void aHangIsHeldThenItsConnectionIsClosedAfterTheHangLimit() throws Exception {
    Duration hangLimit = Duration.ofMillis(300);
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, 1, hangLimit, request -> Reply.hang())) {
      long start = System.nanoTime();
      CompletableFuture<HttpResponse<byte[]>> answer =
          client.sendAsync(get(server, "/hang").build(), HttpResponse.BodyHandlers.ofByteArray());
      awaitUntil("the hang is in flight", () -> server.inFlight() == 1);

      assertThatThrownBy(() -> answer.get(4, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(HttpTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(hangLimit);
      awaitUntil("the hang has left the count", () -> server.inFlight() == 0);
      assertThat(server.peakInFlight()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aHangLeavesTheCountWhenTheClientDisconnects() throws Exception {
    try (LoopbackHttpServer server =
            LoopbackHttpServer.start(0, 1, Duration.ofSeconds(30), request -> Reply.hang());
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(rawGet("/hang"));
      awaitUntil("the hang is in flight", () -> server.inFlight() == 1);
      socket.close();
      awaitUntil("the hang has left the count", () -> server.inFlight() == 0);
      assertThat(server.peakInFlight()).isEqualTo(1);
    }
  }

  @Test
  void aDelayedAnswerWhoseClientLeftLeavesTheCountExactlyOnce() throws Exception {
    Duration delay = Duration.ofMillis(300);
    // One worker thread: every connection's timers run on one event loop, in deadline order.
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, 1, request -> OK.after(delay));
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(rawGet("/slow"));
      awaitUntil("the request is in flight", () -> server.inFlight() == 1);
      socket.close();
      awaitUntil("the request has left the count", () -> server.inFlight() == 0);
      // The orphaned answer fires later on a closed connection; it must not count out again. A
      // second request, delayed as long but scheduled later, is answered after that timer ran.
      CompletableFuture<HttpResponse<byte[]>> later =
          client.sendAsync(get(server, "/later").build(), HttpResponse.BodyHandlers.ofByteArray());
      awaitUntil("the later answer, due after the orphaned one, has arrived", later::isDone);
      assertThat(later.get().statusCode()).isEqualTo(200);
      assertThat(server.inFlight()).isZero();
    }
  }

  @Test
  void closeEndsHangingConnectionsAndFreesThePort() throws Exception {
    LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> Reply.hang());
    int port = server.port();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(rawGet("/hang"));
      awaitUntil("the hang is in flight", () -> server.inFlight() == 1);
      socket.setSoTimeout(4_000);

      long start = System.nanoTime();
      server.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    try (LoopbackHttpServer again = LoopbackHttpServer.start(port, request -> OK)) {
      assertThat(again.port()).isEqualTo(port);
      assertThat(send(again, "/").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theAttemptComesFromItsHeaderAndIsOneWhenMissingOrGarbage() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0, request -> Reply.json(200, Integer.toString(request.attempt())))) {
      assertThat(attemptSeen(server, "3")).isEqualTo("3");
      assertThat(attemptSeen(server, "abc")).isEqualTo("1");
      assertThat(attemptSeen(server, "0")).isEqualTo("1");
      assertThat(attemptSeen(server, null)).isEqualTo("1");
    }
  }

  @Test
  void theResponderSeesMethodPathWithoutQueryAndHeaders() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0,
            request ->
                Reply.json(
                    200,
                    request.method()
                        + " "
                        + request.path()
                        + " "
                        + request.headers().get("X-Probe")))) {
      HttpResponse<byte[]> response =
          send(get(server, "/api/a%20b?x=1").header("X-Probe", "p").build());
      assertThat(text(response)).isEqualTo("GET /api/a b p");
    }
  }

  @Test
  void jsonRepliesCarryContentTypeLengthAndExtraHeaders() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0, request -> Reply.json(429, "{}").withHeader("Retry-After", "1"))) {
      HttpResponse<byte[]> response = send(server, "/");
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.headers().firstValue("Content-Length")).hasValue("2");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }
  }

  @Test
  void aFailingResponderAnswers500() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(
            0,
            request -> {
              throw new IllegalStateException("boom");
            })) {
      assertThat(send(server, "/").statusCode()).isEqualTo(500);
      assertThat(server.inFlight()).isZero();
    }
  }

  @Test
  void pathsAreCountedOnlyWhenRecordingIsOn() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> OK)) {
      send(server, "/a");
      assertThatThrownBy(() -> server.requestsFor("/a")).isInstanceOf(IllegalStateException.class);

      server.recordPaths(true);
      send(server, "/a");
      send(server, "/a?page=2");
      send(server, "/b");
      assertThat(server.requestsFor("/a")).isEqualTo(2);
      assertThat(server.requestsFor("/b")).isEqualTo(1);
      assertThat(server.requestsFor("/c")).isZero();
    }
  }

  @Test
  void theAnswerListenerSeesEachAnswerWithWhenItWasReadAndWritten() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, request -> OK.after(Duration.ofMillis(100)))) {
      List<LoopbackHttpServer.Exchange> seen = new CopyOnWriteArrayList<>();
      send(server, "/before");
      server.onAnswered(seen::add);
      send(server, "/a?page=2");

      awaitUntil("the answer is seen", () -> seen.size() == 1);
      LoopbackHttpServer.Exchange exchange = seen.get(0);
      assertThat(exchange.path()).isEqualTo("/a");
      assertThat(exchange.status()).isEqualTo(200);
      assertThat(exchange.answeredNanos() - exchange.receivedNanos())
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  @Test
  void http10ClientsGetKeepAliveOnlyWhenTheyAskForIt() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, request -> OK);
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(4_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String first = readHead(socket.getInputStream());
      assertThat(first).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: keep-alive");
      socket.getInputStream().readNBytes(11); // {"ok":true}

      out.write("GET /b HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readHead(socket.getInputStream())).containsIgnoringCase("connection: close");
      socket.getInputStream().readNBytes(11);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void pathsDropQueryAndFragmentAndDecodeEscapes() {
    assertThat(LoopbackHttpServer.path("/api/a?x=1#f")).isEqualTo("/api/a");
    assertThat(LoopbackHttpServer.path("/api/a#f?x")).isEqualTo("/api/a");
    assertThat(LoopbackHttpServer.path("/api/a%2Fb%20c?x=%20")).isEqualTo("/api/a/b c");
    assertThat(LoopbackHttpServer.path("/")).isEqualTo("/");
  }

  private String attemptSeen(LoopbackHttpServer server, String header) throws Exception {
    var request = get(server, "/");
    if (header != null) request.header(LoopbackHttpServer.ATTEMPT_HEADER, header);
    return text(send(request.build()));
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] rawGet(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) break;
      head.append((char) b);
    }
    return head.toString();
  }
}
