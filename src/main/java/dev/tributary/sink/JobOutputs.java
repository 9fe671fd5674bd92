package dev.tributary.sink;

import org.apache.flink.api.connector.sink2.Sink;

/** Where a job's three streams of JSON lines go: kept records, daily totals and dead letters. */
public interface JobOutputs {
  Sink<byte[]> records();

  Sink<String> daily();

  Sink<String> deadLetters();
}
