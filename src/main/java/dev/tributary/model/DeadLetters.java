package dev.tributary.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Writes the lines of the {@code dead-letter/} output: what failed, where, why, and when the line
 * was written ({@code time}, UTC to the millisecond). A line about a polled endpoint also names its
 * poll {@code round} and when that round started ({@code polled_at}).
 */
public final class DeadLetters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetters() {}

  /**
   * A failed endpoint: {@code
   * {"type":"endpoint","time","source","url","reason","attempts","last_status"}}, with {@code
   * "round","polled_at"} before {@code reason} when the endpoint was polled.
   */
  public static String endpoint(FetchResult result, String reason, Instant time) {
    Endpoint endpoint = result.endpoint();
    ObjectNode line = start("endpoint", time);
    line.put("source", endpoint.name());
    line.put("url", endpoint.url());
    putRound(line, endpoint.round(), endpoint.polledAtMillis());
    line.put("reason", reason);
    line.put("attempts", result.attempts());
    line.put("last_status", result.lastStatus());
    return line + "\n";
  }

  /**
   * A dropped record: {@code {"type":"record","time","source","reason","record"}} with the record
   * as it came.
   */
  public static String record(String source, String reason, JsonNode record, Instant time) {
    ObjectNode line = start("record", time);
    line.put("source", source);
    line.put("reason", reason);
    line.set("record", record);
    return line + "\n";
  }

  /**
   * A line of an endpoints file that is no endpoint: {@code
   * {"type":"endpoint-line","time","line","reason"}}.
   */
  public static String endpointLine(String text, String reason, Instant time) {
    return endpointLine(text, reason, 0, 0, time);
  }

  /**
   * A line of an endpoints file read in poll round {@code round} (0: not polled), which started at
   * {@code polledAtMillis}: {@code {"type":"endpoint-line","time","line","round","polled_at",
   * "reason"}}.
   */
  public static String endpointLine(
      String text, String reason, long round, long polledAtMillis, Instant time) {
    ObjectNode line = start("endpoint-line", time);
    line.put("line", text);
    putRound(line, round, polledAtMillis);
    line.put("reason", reason);
    return line + "\n";
  }

  /**
   * A polled endpoints file that could not be read in poll round {@code round}, which started at
   * {@code polledAtMillis}: {@code {"type":"endpoint-file","time","file","round","polled_at",
   * "reason"}}.
   */
  public static String endpointFile(
      String file, String reason, long round, long polledAtMillis, Instant time) {
    ObjectNode line = start("endpoint-file", time);
    line.put("file", file);
    putRound(line, round, polledAtMillis);
    line.put("reason", reason);
    return line + "\n";
  }

  /** Round 0 is no poll round: nothing is added. */
  private static void putRound(ObjectNode line, long round, long polledAtMillis) {
    if (round <= 0) return;
    line.put("round", round);
    line.put("polled_at", Timestamps.utcMillis(Instant.ofEpochMilli(polledAtMillis)));
  }

  private static ObjectNode start(String type, Instant time) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", type);
    line.put("time", Timestamps.utcMillis(time));
    return line;
  }
}
