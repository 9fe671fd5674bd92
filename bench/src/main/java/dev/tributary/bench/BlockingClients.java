package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two ways most people start: a blocking {@code java.net.http} loop, one request at a time, and
 * the same blocking calls on a fixed pool of threads. Each GET's body is parsed as JSON, as
 * Tributary does.
 */
final class BlockingClients {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private BlockingClients() {}

  /** What a client did: requests and the wall-clock span from the first to the last. */
  record Timing(int requests, long firstEpochMillis, long lastEpochMillis) {
    double seconds() {
      return (lastEpochMillis - firstEpochMillis) / 1000.0;
    }
  }

  /** GETs {@code urlPrefix + i} for i = 0 .. count-1, one after the other. */
  static Timing sequential(String urlPrefix, int count) throws IOException, InterruptedException {
    HttpClient client = newClient();
    ObjectMapper json = new ObjectMapper();
    long first = System.currentTimeMillis();
    for (int i = 0; i < count; i++) get(client, json, urlPrefix + i);
    return new Timing(count, first, System.currentTimeMillis());
  }

  /** The same GETs on a fixed pool of {@code threads} blocking workers. */
  static Timing pool(String urlPrefix, int count, int threads, Duration deadline)
      throws IOException, InterruptedException {
    HttpClient client = newClient();
    ObjectMapper json = new ObjectMapper();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong last = new AtomicLong();
    try {
      long first = System.currentTimeMillis();
      List<Future<?>> calls = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String url = urlPrefix + i;
        calls.add(
            pool.submit(
                () -> {
                  get(client, json, url);
                  last.accumulateAndGet(System.currentTimeMillis(), Math::max);
                  return null;
                }));
      }
      long end = System.currentTimeMillis() + deadline.toMillis();
      for (Future<?> call : calls) {
        call.get(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      }
      return new Timing(count, first, last.get());
    } catch (ExecutionException e) {
      throw new IOException("pool client: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("pool client: not finished within " + deadline.toSeconds() + " s");
    } finally {
      pool.shutdownNow();
    }
  }

  private static HttpClient newClient() {
    // HTTP/1.1 like the other clients (no h2c upgrade attempt on every new connection).
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }

  private static void get(HttpClient client, ObjectMapper json, String url)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + ": http " + response.statusCode());
    }
    json.readTree(response.body());
  }
}
