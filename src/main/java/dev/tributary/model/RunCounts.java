package dev.tributary.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * What a run did, counted by the job itself as it goes: summed inside each subtask and then across
 * them, and written as {@code summary.json} when the input ends.
 *
 * @param endpoints endpoints seen (bad lines of an endpoints file included)
 * @param success endpoints whose body was read
 * @param failed endpoints in the dead letters ({@code endpoints = success + failed})
 * @param requests requests sent
 * @param retried requests beyond each endpoint's first
 * @param recordsIn records found in bodies
 * @param recordsKept records written to {@code records/}
 * @param recordsDropped records written to {@code dead-letter/}
 * @param firstRequestMillis wall-clock time the first request was sent; 0 when none was
 * @param lastFinishedMillis wall-clock time the last endpoint was settled; 0 when none was
 * @param round the highest poll round fetched; 0 when the job does not poll
 * @param recordsUnchanged with {@code transform.id}: records fetched again as they were, counted
 *     once already and not written again ({@code recordsIn = recordsKept + recordsUnchanged +
 *     recordsDropped})
 */
public record RunCounts(
    long endpoints,
    long success,
    long failed,
    long requests,
    long retried,
    long recordsIn,
    long recordsKept,
    long recordsDropped,
    long firstRequestMillis,
    long lastFinishedMillis,
    long round,
    long recordsUnchanged)
    implements Serializable {

  public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** One fetched endpoint, with what its body held (all 0 when it failed). */
  public static RunCounts ofEndpoint(
      FetchResult result, boolean bodyRead, long recordsIn, long kept, long dropped) {
    return new RunCounts(
        1,
        bodyRead ? 1 : 0,
        bodyRead ? 0 : 1,
        result.attempts(),
        Math.max(0, result.attempts() - 1),
        recordsIn,
        kept,
        dropped,
        result.firstSentMillis(),
        result.finishedMillis(),
        result.endpoint().round(),
        0);
  }

  /** A line of an endpoints file that is no endpoint: a failed endpoint, never requested. */
  public static RunCounts ofBadEndpointLine() {
    return new RunCounts(1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * A record with an id fetched again as it was: it was counted as kept by the parse stage, and is
   * now counted as unchanged instead.
   */
  public static final RunCounts UNCHANGED_RECORD =
      new RunCounts(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1);

  public RunCounts plus(RunCounts other) {
    return new RunCounts(
        endpoints + other.endpoints,
        success + other.success,
        failed + other.failed,
        requests + other.requests,
        retried + other.retried,
        recordsIn + other.recordsIn,
        recordsKept + other.recordsKept,
        recordsDropped + other.recordsDropped,
        earliest(firstRequestMillis, other.firstRequestMillis),
        Math.max(lastFinishedMillis, other.lastFinishedMillis),
        Math.max(round, other.round),
        recordsUnchanged + other.recordsUnchanged);
  }

  /** The earlier of two times, where 0 means none. */
  private static long earliest(long a, long b) {
    if (a == 0) return b;
    if (b == 0) return a;
    return Math.min(a, b);
  }

  /** Whether both ends of the fetch window are known. */
  public boolean anyRequest() {
    return firstRequestMillis > 0 && lastFinishedMillis > 0;
  }

  /** From the first request sent to the last endpoint settled. */
  public double seconds() {
    return anyRequest() ? Math.max(0, lastFinishedMillis - firstRequestMillis) / 1000.0 : 0;
  }

  public double requestsPerSecond() {
    return seconds() > 0 ? requests / seconds() : 0;
  }

  /** The counts as {@code summary.json} has them, before {@code first/last_*_epoch_millis}. */
  public void writeCountsTo(ObjectNode json) {
    json.put("endpoints", endpoints);
    json.put("success", success);
    json.put("failed", failed);
    json.put("retried", retried);
    json.put("requests", requests);
    json.put("records_in", recordsIn);
    json.put("records_kept", recordsKept);
    json.put("records_dropped", recordsDropped);
    if (recordsUnchanged > 0) json.put("records_unchanged", recordsUnchanged);
    json.put("seconds", round3(seconds()));
    json.put("requests_per_second", round3(requestsPerSecond()));
    if (round > 0) json.put("round", round);
  }

  /** The two ends of the fetch window, as {@code summary.json} ends. */
  public void writeWindowTo(ObjectNode json) {
    json.put("first_request_epoch_millis", anyRequest() ? firstRequestMillis : 0);
    json.put("last_finished_epoch_millis", anyRequest() ? lastFinishedMillis : 0);
  }

  /** Reads back what {@link #writeCountsTo} and {@link #writeWindowTo} wrote. */
  public static RunCounts fromJson(JsonNode json) {
    return new RunCounts(
        json.path("endpoints").asLong(),
        json.path("success").asLong(),
        json.path("failed").asLong(),
        json.path("requests").asLong(),
        json.path("retried").asLong(),
        json.path("records_in").asLong(),
        json.path("records_kept").asLong(),
        json.path("records_dropped").asLong(),
        json.path("first_request_epoch_millis").asLong(),
        json.path("last_finished_epoch_millis").asLong(),
        json.path("round").asLong(),
        json.path("records_unchanged").asLong());
  }

  public static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
