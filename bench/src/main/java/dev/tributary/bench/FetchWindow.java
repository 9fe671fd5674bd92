package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wall-clock span a client reports from its first request to its last output, the span whose
 * CPU the throughput table counts.
 */
record FetchWindow(long firstEpochMillis, long lastEpochMillis) {

  static final String FIRST = "first_request_epoch_millis";
  static final String LAST = "last_finished_epoch_millis";

  /** From a result JSON (Tributary's summary.json, the bare client's, aiohttp's). */
  static FetchWindow ofResult(JsonNode result) {
    return new FetchWindow(result.path(FIRST).asLong(), result.path(LAST).asLong());
  }

  /** The moment a share (0..1) of the way from the first request to the last output. */
  long at(double share) {
    return firstEpochMillis + Math.round(share * (lastEpochMillis - firstEpochMillis));
  }

  double seconds() {
    return (lastEpochMillis - firstEpochMillis) / 1000.0;
  }
}
