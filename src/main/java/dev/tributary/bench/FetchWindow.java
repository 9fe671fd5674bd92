package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wall-clock span a client reports from its first request to its last output, the span whose
 * CPU the throughput table counts.
 *
 * @param estimated true when the client did not report the span in wall-clock time and it was
 *     derived from the process's launch + {@code startup_seconds} and {@code seconds}
 */
record FetchWindow(long firstEpochMillis, long lastEpochMillis, boolean estimated) {

  static final String FIRST = "first_request_epoch_millis";
  static final String LAST = "last_finished_epoch_millis";

  /** From a result JSON that has {@link #FIRST} and {@link #LAST}. */
  static FetchWindow ofResult(JsonNode result) {
    return new FetchWindow(result.path(FIRST).asLong(), result.path(LAST).asLong(), false);
  }

  /**
   * From Tributary's summary.json: its wall-clock fields when present; otherwise launch +
   * startup_seconds (the JVM starts within milliseconds of the launch) to that + seconds.
   */
  static FetchWindow ofSummary(JsonNode summary, ChildRun child) {
    if (summary.hasNonNull(FIRST) && summary.hasNonNull(LAST)) return ofResult(summary);
    long first =
        child.launchEpochMillis() + Math.round(summary.path("startup_seconds").asDouble() * 1000);
    long last = first + Math.round(summary.path("seconds").asDouble() * 1000);
    return new FetchWindow(first, last, true);
  }

  double seconds() {
    return (lastEpochMillis - firstEpochMillis) / 1000.0;
  }
}
