package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asynchttpclient.AsyncCompletionHandler;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Dsl;
import org.asynchttpclient.Response;

/**
 * The client's own ceiling: the same GETs Tributary makes, with the same AsyncHttpClient in its
 * default configuration, at most {@code concurrency} in flight (a semaphore), one Jackson {@code
 * readTree} per body, and nothing else — no Flink, no output. Run as its own process so its CPU is
 * measured from outside like every other client's.
 *
 * <pre>java -cp ... dev.tributary.bench.BareClient URL_PREFIX COUNT CONCURRENCY RESULT.json</pre>
 *
 * requests {@code URL_PREFIX + i} for i = 0 .. COUNT-1 and writes {@code requests, ok, failed,
 * first_request_epoch_millis, last_finished_epoch_millis, seconds, requests_per_second}.
 */
public final class BareClient {
  private static final long DEADLINE_MINUTES = 30;

  private BareClient() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: BareClient URL_PREFIX COUNT CONCURRENCY RESULT.json");
      System.exit(2);
    }
    String urlPrefix = args[0];
    int count = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    Path result = Path.of(args[3]);

    ObjectMapper json = new ObjectMapper();
    Semaphore slots = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(count);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong lastFinished = new AtomicLong();

    long first;
    try (AsyncHttpClient client = Dsl.asyncHttpClient()) {
      first = System.currentTimeMillis();
      for (int i = 0; i < count; i++) {
        slots.acquire();
        client
            .prepareGet(urlPrefix + i)
            .execute(
                new AsyncCompletionHandler<Void>() {
                  @Override
                  public Void onCompleted(Response response) throws Exception {
                    try {
                      json.readTree(response.getResponseBodyAsBytes());
                      if (response.getStatusCode() == 200) ok.incrementAndGet();
                      else failed.incrementAndGet();
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                    finish();
                    return null;
                  }

                  @Override
                  public void onThrowable(Throwable t) {
                    failed.incrementAndGet();
                    finish();
                  }

                  private void finish() {
                    lastFinished.accumulateAndGet(System.currentTimeMillis(), Math::max);
                    slots.release();
                    done.countDown();
                  }
                });
      }
      if (!done.await(DEADLINE_MINUTES, TimeUnit.MINUTES)) {
        System.err.println("BareClient: not finished after " + DEADLINE_MINUTES + " minutes");
        System.exit(1);
      }
    }

    long last = lastFinished.get();
    double seconds = (last - first) / 1000.0;
    ObjectNode out = json.createObjectNode();
    out.put("requests", count);
    out.put("ok", ok.get());
    out.put("failed", failed.get());
    out.put("first_request_epoch_millis", first);
    out.put("last_finished_epoch_millis", last);
    out.put("seconds", seconds);
    out.put("requests_per_second", seconds > 0 ? count / seconds : 0);
    Files.writeString(result, out.toPrettyString() + "\n", StandardCharsets.UTF_8);
    System.exit(failed.get() == 0 ? 0 : 1);
  }
}
