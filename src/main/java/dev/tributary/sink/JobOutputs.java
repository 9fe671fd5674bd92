package dev.tributary.sink;

import dev.tributary.model.RunCounts;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where a job's outputs go: three streams of JSON lines (kept records, daily totals, dead letters)
 * and the run's counts.
 */
public interface JobOutputs {
  Sink<byte[]> records();

  Sink<String> daily();

  Sink<String> deadLetters();

  /** Receives the sums of the run's counts; writes the summary when the input ends. */
  Sink<RunCounts> summary();
}
