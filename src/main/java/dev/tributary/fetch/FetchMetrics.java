package dev.tributary.fetch;

import dev.tributary.model.FetchResult;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The fetch stage's progress as Flink metrics of its subtask: shown in Flink's web UI on a cluster,
 * and read by a local run's progress line through a metric reporter.
 */
public final class FetchMetrics {
  /** Endpoints settled, failed or not. */
  public static final String ENDPOINTS_DONE = "endpointsDone";

  /** Endpoints settled as failures. */
  public static final String ENDPOINTS_FAILED = "endpointsFailed";

  /** Requests sent, retries included. */
  public static final String REQUESTS = "requests";

  /** The highest poll round of an endpoint seen so far; 0 before any round. */
  public static final String POLL_ROUND = "pollRound";

  private final Counter endpointsDone;
  private final Counter endpointsFailed;
  private final Counter requests;
  private final AtomicLong pollRound = new AtomicLong();

  private FetchMetrics(MetricGroup group) {
    // Settled and sent from the client's I/O threads and the task thread at once: Flink's
    // SimpleCounter is not safe for that.
    endpointsDone = group.counter(ENDPOINTS_DONE, new ConcurrentCounter());
    endpointsFailed = group.counter(ENDPOINTS_FAILED, new ConcurrentCounter());
    requests = group.counter(REQUESTS, new ConcurrentCounter());
    group.gauge(POLL_ROUND, (Gauge<Long>) pollRound::get);
  }

  /** Registers the metrics in a subtask's group. */
  static FetchMetrics registerIn(MetricGroup group) {
    return new FetchMetrics(group);
  }

  void requestSent() {
    requests.inc();
  }

  void endpointSettled(FetchResult result) {
    endpointsDone.inc();
    if (!result.succeeded()) endpointsFailed.inc();
  }

  /**
   * An endpoint of poll round {@code round} (counted from 1) has come in: the gauge keeps the
   * highest seen.
   */
  void roundSeen(long round) {
    pollRound.accumulateAndGet(round, Math::max);
  }

  /** A counter that many threads may increment at once. */
  private static final class ConcurrentCounter implements Counter {
    private final LongAdder count = new LongAdder();

    @Override
    public void inc() {
      count.increment();
    }

    @Override
    public void inc(long n) {
      count.add(n);
    }

    @Override
    public void dec() {
      count.decrement();
    }

    @Override
    public void dec(long n) {
      count.add(-n);
    }

    @Override
    public long getCount() {
      return count.sum();
    }
  }
}
