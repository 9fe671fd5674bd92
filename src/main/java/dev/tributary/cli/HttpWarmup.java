package dev.tributary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.demo.DemoData;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.fetch.AhcHttpGetClient;
import dev.tributary.fetch.HttpGetClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sends a few hundred requests through AsyncHttpClient to a throwaway server on 127.0.0.1, and
 * reads their bodies, while the MiniCluster starts.
 *
 * <p>The first request of a fresh JVM costs AsyncHttpClient and Netty a quarter of a second of
 * class loading and initialisation (Netty's buffer pool alone starts JFR), and the first hundreds
 * run in the interpreter: without this, that time lands inside the job's fetch phase, spread over
 * its first requests. A local run shares this JVM with the job, so the job starts warm.
 */
final class HttpWarmup {
  private static final int REQUESTS = 500;
  private static final int IN_FLIGHT = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Thread thread = new Thread(HttpWarmup::warmUp, "tributary-http-warmup");

  private HttpWarmup() {}

  static HttpWarmup startInBackground() {
    HttpWarmup warmup = new HttpWarmup();
    warmup.thread.setDaemon(true);
    warmup.thread.start();
    return warmup;
  }

  /** Waits for the warm-up to end, at most {@code TIMEOUT}; it never fails the run. */
  void awaitDone() throws InterruptedException {
    thread.join(TIMEOUT.toMillis());
  }

  private static void warmUp() {
    ObjectMapper json = new ObjectMapper();
    byte[] body = DemoData.staticBody();
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, 1, r -> Reply.json(200, body));
        AhcHttpGetClient client = new AhcHttpGetClient(1, TIMEOUT, "tributary-warmup")) {
      java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(IN_FLIGHT);
      CountDownLatch done = new CountDownLatch(REQUESTS);
      HttpGetClient.Listener listener =
          new HttpGetClient.Listener() {
            @Override
            public void onResponse(int status, String retryAfter, byte[] answer) {
              try {
                json.writeValueAsBytes(json.readTree(answer));
              } catch (IOException e) {
                // A warm-up answer that does not parse only warms a little less.
              }
              finish();
            }

            @Override
            public void onError(Throwable error) {
              finish();
            }

            private void finish() {
              slots.release();
              done.countDown();
            }
          };
      for (int i = 0; i < REQUESTS; i++) {
        if (!slots.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) return;
        client.get(server.baseUrl() + "/warmup/" + i, 1, TIMEOUT, listener);
      }
      done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Warming up is an optimisation: whatever goes wrong here, the job runs all the same.
    }
  }
}
