package dev.tributary.demo;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Shared client, times and waiting for the demo package's server tests. */
abstract class HttpTestSupport {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
  static final Duration WAIT = Duration.ofSeconds(3);

  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(REQUEST_TIMEOUT)
          .build();

  static HttpRequest.Builder get(LoopbackHttpServer server, String path) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(REQUEST_TIMEOUT);
  }

  HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> send(LoopbackHttpServer server, String path)
      throws IOException, InterruptedException {
    return send(get(server, path).build());
  }

  /** Waits until the condition holds, failing after {@link #WAIT}. */
  static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("timed out waiting until " + what);
      Thread.sleep(5);
    }
  }
}
