package dev.tributary.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the lines of the {@code dead-letter/} output: what failed, where, and why. */
public final class DeadLetters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetters() {}

  /**
   * A failed endpoint: {@code
   * {"type":"endpoint","source","url","reason","attempts","last_status"}}.
   */
  public static String endpoint(FetchResult result, String reason) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "endpoint");
    line.put("source", result.endpoint().name());
    line.put("url", result.endpoint().url());
    line.put("reason", reason);
    line.put("attempts", result.attempts());
    line.put("last_status", result.lastStatus());
    return line + "\n";
  }

  /**
   * A dropped record: {@code {"type":"record","source","reason","record"}} with the record as it
   * came.
   */
  public static String record(String source, String reason, JsonNode record) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "record");
    line.put("source", source);
    line.put("reason", reason);
    line.set("record", record);
    return line + "\n";
  }

  /**
   * A line of an endpoints file that is no endpoint: {@code
   * {"type":"endpoint-line","line","reason"}}.
   */
  public static String endpointLine(String text, String reason) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "endpoint-line");
    line.put("line", text);
    line.put("reason", reason);
    return line + "\n";
  }
}
