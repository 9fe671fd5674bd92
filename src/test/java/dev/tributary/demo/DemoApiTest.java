package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.demo.DemoFaults.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoApiTest extends HttpTestSupport {
  private static final long SEED = 7;
  private static final Duration NO_LATENCY = Duration.ZERO;

  @Test
  void answersTheEndpointsRecordsAfterItsLatency() throws Exception {
    DemoApiOptions options =
        options(Duration.ofMillis(60), Duration.ofMillis(120), FaultRates.NONE);
    try (LoopbackHttpServer server = DemoApi.start(options)) {
      send(server, "/api/warm-up");
      long start = System.nanoTime();
      HttpResponse<byte[]> response = send(server, "/api/orders");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.body()).isEqualTo(DemoData.body(SEED, "orders"));
      assertThat(took).isGreaterThanOrEqualTo(DemoData.latency(options, "orders", 1));
    }
  }

  @Test
  void throttledAnswersAre429WithRetryAfter() throws Exception {
    try (LoopbackHttpServer server = DemoApi.start(options(new FaultRates(1, 0, 0, 0, 0)))) {
      HttpResponse<byte[]> response = send(server, "/api/orders");
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }
  }

  @Test
  void errorsAre503AndMissingEndpointsAre404() throws Exception {
    try (LoopbackHttpServer errors = DemoApi.start(options(new FaultRates(0, 1, 0, 0, 0)));
        LoopbackHttpServer missing = DemoApi.start(options(new FaultRates(0, 0, 0, 1, 0)))) {
      assertThat(send(errors, "/api/orders").statusCode()).isEqualTo(503);
      HttpResponse<byte[]> notFound = send(missing, "/api/orders");
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(new ObjectMapper().readTree(notFound.body()).has("error")).isTrue();
    }
  }

  @Test
  void aMalformedEndpointAnswers200WithATruncatedBody() throws Exception {
    try (LoopbackHttpServer server = DemoApi.start(options(new FaultRates(0, 0, 0, 0, 1)))) {
      HttpResponse<byte[]> response = send(server, "/api/orders");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(DemoData.malformedBody(SEED, "orders"));
      assertThatThrownBy(() -> new ObjectMapper().readTree(response.body()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aHangingAttemptIsHeldUntilTheHangLimit() throws Exception {
    DemoApiOptions hangs =
        new DemoApiOptions(
            0,
            NO_LATENCY,
            NO_LATENCY,
            SEED,
            new FaultRates(0, 0, 1, 0, 0),
            Duration.ofMillis(200),
            false);
    try (LoopbackHttpServer server = DemoApi.start(hangs)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> send(server, "/api/orders")).isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void theAttemptHeaderPicksTheAttemptsFault() throws Exception {
    FaultRates rates = new FaultRates(0.5, 0, 0, 0, 0);
    String name =
        IntStream.range(0, 1000)
            .mapToObj(i -> "e" + i)
            .filter(n -> DemoFaults.faultFor(SEED, rates, n, 1) == Fault.THROTTLE)
            .filter(n -> DemoFaults.faultFor(SEED, rates, n, 2) == Fault.NONE)
            .findFirst()
            .orElseThrow();
    try (LoopbackHttpServer server = DemoApi.start(options(rates))) {
      assertThat(send(attempt(server, name, 1)).statusCode()).isEqualTo(429);
      assertThat(send(attempt(server, name, 2)).statusCode()).isEqualTo(200);
      assertThat(send(attempt(server, name, 1)).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    try (LoopbackHttpServer server = DemoApi.start(options(FaultRates.NONE))) {
      assertThat(send(server, "/orders").statusCode()).isEqualTo(404);
      assertThat(send(server, "/api/").statusCode()).isEqualTo(404);
      assertThat(send(server, "/api/a/b").statusCode()).isEqualTo(404);
      HttpResponse<byte[]> post =
          send(get(server, "/api/orders").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }
  }

  @Test
  void staticModeAnswersTheSameTenRecordBodyOnEveryPathAtOnce() throws Exception {
    DemoApiOptions staticMode =
        new DemoApiOptions(
            0,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            SEED,
            new FaultRates(0.3, 0.3, 0.3, 0.5, 0.5),
            Duration.ofSeconds(60),
            true);
    try (LoopbackHttpServer server = DemoApi.start(staticMode)) {
      for (String path : new String[] {"/api/a", "/api/b", "/anything/else", "/"}) {
        HttpResponse<byte[]> response = send(server, path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DemoData.staticBody());
      }
      assertThat(new ObjectMapper().readTree(DemoData.staticBody()).size()).isEqualTo(10);
    }
  }

  @Test
  void theStartLineSaysWhereAndHow() {
    assertThat(DemoApi.describe(DemoApiOptions.defaults(), 8089))
        .isEqualTo("demo API on http://127.0.0.1:8089/api/{name} (latency 200ms..500ms, seed 42)");
    DemoApiOptions faulty =
        DemoApiOptions.fromArgs(
            java.util.List.of("--latency", "250ms", "--seed", "3", "--throttle-rate", "0.1"));
    assertThat(DemoApi.describe(faulty, 1234))
        .isEqualTo(
            "demo API on http://127.0.0.1:1234/api/{name} "
                + "(latency 250ms, seed 3, faults throttle 0.1, hang limit 1m)");
  }

  @Test
  void serveUntilInterruptedPrintsWhereItListensAndClosesOnInterrupt() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    Thread serving =
        new Thread(() -> DemoApi.serveUntilInterrupted(options(FaultRates.NONE), out), "serving");
    serving.start();
    awaitUntil(
        "the start line is printed", () -> printed.toString(StandardCharsets.UTF_8).contains("\n"));

    Matcher where =
        Pattern.compile(
                "demo API on http://127\\.0\\.0\\.1:(\\d+)/api/\\{name\\} \\(latency 0ms, seed 7\\)\n")
            .matcher(printed.toString(StandardCharsets.UTF_8));
    assertThat(where.matches()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
    int port = Integer.parseInt(where.group(1));
    assertThat(
            send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/a")).build())
                .statusCode())
        .isEqualTo(200);

    serving.interrupt();
    serving.join(WAIT.toMillis());
    assertThat(serving.isAlive()).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  private static HttpRequest attempt(LoopbackHttpServer server, String name, int attempt) {
    return get(server, "/api/" + name)
        .header(LoopbackHttpServer.ATTEMPT_HEADER, Integer.toString(attempt))
        .build();
  }

  private static DemoApiOptions options(FaultRates faults) {
    return options(NO_LATENCY, NO_LATENCY, faults);
  }

  private static DemoApiOptions options(Duration min, Duration max, FaultRates faults) {
    return new DemoApiOptions(0, min, max, SEED, faults, Duration.ofSeconds(60), false);
  }
}
