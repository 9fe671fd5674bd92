package dev.tributary.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.model.DeadLetters;
import dev.tributary.model.Endpoint;
import dev.tributary.model.RunCounts;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads one line of an endpoints file, {@code {"name": ..., "url": ...}}. A line that is no
 * endpoint goes to the dead letters and counts as a failed endpoint; blank lines are skipped.
 */
final class ParseEndpointLines extends ProcessFunction<String, Endpoint> {
  private static final long serialVersionUID = 1L;
  private static final int MAX_LINE_IN_DEAD_LETTER = 500;

  static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("endpoint-line-dead-letters") {};
  static final OutputTag<RunCounts> RUN_COUNTS = new OutputTag<>("endpoint-line-counts") {};

  private transient ObjectMapper json;

  @Override
  public void open(OpenContext openContext) {
    json = new ObjectMapper();
  }

  @Override
  public void processElement(String line, Context ctx, Collector<Endpoint> out) {
    if (line.isBlank()) return;
    String problem;
    try {
      JsonNode node = json.readTree(line);
      problem = problemWith(node);
      if (problem == null) {
        out.collect(new Endpoint(node.get("name").textValue(), node.get("url").textValue()));
        return;
      }
    } catch (IOException e) {
      problem = "not a JSON object";
    }
    ctx.output(RUN_COUNTS, RunCounts.ofBadEndpointLine());
    String shown =
        line.length() > MAX_LINE_IN_DEAD_LETTER
            ? line.substring(0, MAX_LINE_IN_DEAD_LETTER) + "…"
            : line;
    ctx.output(DEAD_LETTERS, DeadLetters.endpointLine(shown, problem, Instant.now()));
  }

  private static String problemWith(JsonNode node) {
    if (node == null || !node.isObject()) return "not a JSON object";
    for (String key : new String[] {"name", "url"}) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) return key + " is missing";
      if (!value.isTextual() || value.textValue().isBlank())
        return key + " must be a non-empty string";
    }
    return null;
  }
}
