package dev.tributary.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.fetch.FetchMetrics;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ProgressMetricsTest {
  private final ProgressMetrics reporter = new ProgressMetrics("test");

  /** One fetch subtask's metrics, as Flink hands them to the reporter. */
  private final class Subtask {
    final MetricGroup group = new UnregisteredMetricsGroup();
    final Counter done = new SimpleCounter();
    final Counter failed = new SimpleCounter();
    final Counter requests = new SimpleCounter();
    final AtomicLong round = new AtomicLong();
    final Gauge<Long> roundGauge = round::get;

    Subtask open() {
      reporter.notifyOfAddedMetric(done, FetchMetrics.ENDPOINTS_DONE, group);
      reporter.notifyOfAddedMetric(failed, FetchMetrics.ENDPOINTS_FAILED, group);
      reporter.notifyOfAddedMetric(requests, FetchMetrics.REQUESTS, group);
      reporter.notifyOfAddedMetric(roundGauge, FetchMetrics.POLL_ROUND, group);
      return this;
    }

    void close() {
      reporter.notifyOfRemovedMetric(done, FetchMetrics.ENDPOINTS_DONE, group);
      reporter.notifyOfRemovedMetric(failed, FetchMetrics.ENDPOINTS_FAILED, group);
      reporter.notifyOfRemovedMetric(requests, FetchMetrics.REQUESTS, group);
      reporter.notifyOfRemovedMetric(roundGauge, FetchMetrics.POLL_ROUND, group);
    }

    void settled(int endpoints, int failures, int sent) {
      done.inc(endpoints);
      failed.inc(failures);
      requests.inc(sent);
    }
  }

  @Test
  void withoutMetricsEverythingIsZero() {
    assertThat(reporter.snapshot()).isEqualTo(ProgressSnapshot.NONE);
  }

  @Test
  void sumsEachCounterOverTheSubtasks() {
    Subtask first = new Subtask().open();
    Subtask second = new Subtask().open();
    Subtask third = new Subtask().open();

    first.settled(10, 1, 12);
    second.settled(20, 2, 25);
    third.settled(5, 0, 5);

    assertThat(reporter.snapshot()).isEqualTo(new ProgressSnapshot(35, 3, 42, 0));
  }

  @Test
  void readsTheCountersAtEachSnapshotWithoutBeingToldOfChanges() {
    Subtask subtask = new Subtask().open();
    subtask.settled(1, 0, 1);
    assertThat(reporter.snapshot().endpointsDone()).isEqualTo(1);

    subtask.settled(4, 0, 6);

    assertThat(reporter.snapshot()).isEqualTo(new ProgressSnapshot(5, 0, 7, 0));
  }

  @Test
  void aClosedSubtaskKeepsItsCounts() {
    Subtask first = new Subtask().open();
    Subtask second = new Subtask().open();
    first.settled(10, 1, 12);
    second.settled(20, 2, 25);

    first.close();
    second.settled(1, 0, 1);

    assertThat(reporter.snapshot()).isEqualTo(new ProgressSnapshot(31, 3, 38, 0));
    second.close();
    assertThat(reporter.snapshot()).isEqualTo(new ProgressSnapshot(31, 3, 38, 0));
  }

  @Test
  void thePollRoundIsTheHighestOfAnySubtaskClosedOrNot() {
    Subtask first = new Subtask().open();
    Subtask second = new Subtask().open();
    first.round.set(4);
    second.round.set(3);
    assertThat(reporter.snapshot().pollRound()).isEqualTo(4);

    first.close();
    second.round.set(5);
    assertThat(reporter.snapshot().pollRound()).isEqualTo(5);

    second.close();
    assertThat(reporter.snapshot().pollRound()).isEqualTo(5);
  }

  @Test
  void ignoresOtherMetricsAndOtherKindsUnderTheSameNames() {
    MetricGroup group = new UnregisteredMetricsGroup();
    Counter other = new SimpleCounter();
    other.inc(100);
    reporter.notifyOfAddedMetric(other, "numRecordsIn", group);
    reporter.notifyOfAddedMetric((Gauge<Long>) () -> 7L, FetchMetrics.ENDPOINTS_DONE, group);
    reporter.notifyOfAddedMetric(other, FetchMetrics.POLL_ROUND, group);

    reporter.notifyOfRemovedMetric(other, "numRecordsIn", group);

    assertThat(reporter.snapshot()).isEqualTo(ProgressSnapshot.NONE);
  }

  @Test
  void theFactoryHandsFlinkTheInstanceThatTheConfigurationNames() {
    Configuration conf = new Configuration();
    ProgressMetrics added = ProgressMetrics.addTo(conf);
    try {
      Properties properties = new Properties();
      MetricOptions.forReporter(conf, ProgressMetrics.REPORTER_NAME).addAllToProperties(properties);

      assertThat(conf.get(MetricOptions.REPORTERS_LIST)).isNull();
      assertThat(properties.getProperty(MetricOptions.REPORTER_FACTORY_CLASS.key()))
          .isEqualTo(ProgressMetricsFactory.class.getName());
      assertThat(new ProgressMetricsFactory().createMetricReporter(properties)).isSameAs(added);
    } finally {
      added.close();
    }
  }

  @Test
  void aConfigurationListingItsReportersGetsThisOneAdded() {
    Configuration conf = new Configuration();
    conf.set(MetricOptions.REPORTERS_LIST, "jmx");

    ProgressMetrics.addTo(conf).close();

    assertThat(conf.get(MetricOptions.REPORTERS_LIST)).isEqualTo("jmx,tributary-progress");
  }
}
