package dev.tributary.cli.progress;

import dev.tributary.fetch.FetchMetrics;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * A metric reporter of a local cluster that keeps the fetch stage's metrics ({@link FetchMetrics})
 * of every subtask and sums them into a {@link ProgressSnapshot} on demand: nothing is polled, the
 * counters are read when the progress line asks.
 *
 * <p>A subtask's metrics are removed when it ends; their last values are kept, so that the counts
 * never go backwards as subtasks finish.
 */
public final class ProgressMetrics implements MetricReporter {
  /** The reporter's name in Flink's configuration ({@code metrics.reporter.<name>.*}). */
  static final String REPORTER_NAME = "tributary-progress";

  /** The reporter's own configuration key naming the instance that {@link #addTo} made. */
  static final String INSTANCE_KEY = "instance";

  // Flink makes its reporters from configuration through a factory; the factory finds here the
  // instance the caller made and holds, by the key the configuration carries.
  private static final Map<String, ProgressMetrics> INSTANCES = new ConcurrentHashMap<>();

  private final String instanceKey;

  // Guarded by this: a subtask's counts move from the live metrics to the closed sums at once.
  private final Map<Metric, String> live = new IdentityHashMap<>();
  private final Map<String, Long> closedCounts = new HashMap<>();
  private long closedPollRound;

  ProgressMetrics(String instanceKey) {
    this.instanceKey = instanceKey;
  }

  /**
   * A reporter for the cluster that {@code conf} will configure: adds it to {@code conf}, which
   * must be the configuration the cluster starts with.
   */
  public static ProgressMetrics addTo(Configuration conf) {
    ProgressMetrics metrics = new ProgressMetrics(UUID.randomUUID().toString());
    INSTANCES.put(metrics.instanceKey, metrics);
    String prefix = ConfigConstants.METRICS_REPORTER_PREFIX + REPORTER_NAME + ".";
    conf.set(
        ConfigOptions.key(prefix + MetricOptions.REPORTER_FACTORY_CLASS.key())
            .stringType()
            .noDefaultValue(),
        ProgressMetricsFactory.class.getName());
    conf.set(
        ConfigOptions.key(prefix + INSTANCE_KEY).stringType().noDefaultValue(),
        metrics.instanceKey);
    // A configuration that lists the reporters to use would leave this one out.
    String listed = conf.get(MetricOptions.REPORTERS_LIST);
    if (listed != null && !listed.isBlank()) {
      conf.set(MetricOptions.REPORTERS_LIST, listed + "," + REPORTER_NAME);
    }
    return metrics;
  }

  /** The instance {@link #addTo} registered under {@code key}. */
  static ProgressMetrics instance(String key) {
    ProgressMetrics metrics = INSTANCES.get(key);
    if (metrics == null) {
      throw new IllegalStateException("no progress reporter registered as " + key);
    }
    return metrics;
  }

  /** The fetch stage's counts now, summed over its subtasks, those already ended included. */
  public synchronized ProgressSnapshot snapshot() {
    Map<String, Long> counts = new HashMap<>(closedCounts);
    long pollRound = closedPollRound;
    for (Map.Entry<Metric, String> entry : live.entrySet()) {
      if (entry.getKey() instanceof Counter counter) {
        counts.merge(entry.getValue(), counter.getCount(), Long::sum);
      } else {
        pollRound = Math.max(pollRound, gaugeValue(entry.getKey()));
      }
    }
    return new ProgressSnapshot(
        counts.getOrDefault(FetchMetrics.ENDPOINTS_DONE, 0L),
        counts.getOrDefault(FetchMetrics.ENDPOINTS_FAILED, 0L),
        counts.getOrDefault(FetchMetrics.REQUESTS, 0L),
        pollRound);
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {
    INSTANCES.remove(instanceKey);
  }

  @Override
  public synchronized void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    if (isProgressMetric(metric, name)) live.put(metric, name);
  }

  @Override
  public synchronized void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    if (live.remove(metric) == null) return;
    if (metric instanceof Counter counter) {
      closedCounts.merge(name, counter.getCount(), Long::sum);
    } else {
      closedPollRound = Math.max(closedPollRound, gaugeValue(metric));
    }
  }

  private static boolean isProgressMetric(Metric metric, String name) {
    return switch (name) {
      case FetchMetrics.ENDPOINTS_DONE, FetchMetrics.ENDPOINTS_FAILED, FetchMetrics.REQUESTS ->
          metric instanceof Counter;
      case FetchMetrics.POLL_ROUND -> metric instanceof Gauge<?>;
      default -> false;
    };
  }

  private static long gaugeValue(Metric gauge) {
    Object value = ((Gauge<?>) gauge).getValue();
    return value instanceof Number number ? number.longValue() : 0;
  }
}
