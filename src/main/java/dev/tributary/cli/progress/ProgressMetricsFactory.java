package dev.tributary.cli.progress;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Hands Flink the {@link ProgressMetrics} that {@link ProgressMetrics#addTo} registered, when a
 * local cluster sets up the reporters of its configuration. Found by Flink through {@code
 * META-INF/services}.
 */
public final class ProgressMetricsFactory implements MetricReporterFactory {
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return ProgressMetrics.instance(properties.getProperty(ProgressMetrics.INSTANCE_KEY));
  }
}
