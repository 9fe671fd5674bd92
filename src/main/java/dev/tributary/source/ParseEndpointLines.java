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
 * endpoint goes to the dead letters and counts as a failed endpoint; blank lines are skipped. The
 * lines come plain ({@link #once()}: a file read once, or the files of a watched folder), or read
 * in a poll round ({@link #polled}), whose endpoints and dead letters carry that round.
 *
 * @param <T> a line as it comes
 */
abstract class ParseEndpointLines<T> extends ProcessFunction<T, Endpoint> {
  private static final long serialVersionUID = 1L;
  private static final int MAX_LINE_IN_DEAD_LETTER = 500;

  static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("endpoint-line-dead-letters") {};
  static final OutputTag<RunCounts> RUN_COUNTS = new OutputTag<>("endpoint-line-counts") {};

  private transient ObjectMapper json;

  /** Lines of a file read once: the endpoints are not polled. */
  static ParseEndpointLines<String> once() {
    return new Once();
  }

  /**
   * Lines of {@code file} read in poll rounds; a round in which the file could not be read is one
   * dead letter naming it, counted as one failed endpoint.
   */
  static ParseEndpointLines<PolledLine> polled(String file) {
    return new Polled(file);
  }

  @Override
  public void open(OpenContext openContext) {
    json = new ObjectMapper();
  }

  final void parse(
      String line, long round, long polledAtMillis, Context ctx, Collector<Endpoint> out) {
    if (line.isBlank()) return;
    String problem;
    try {
      JsonNode node = json.readTree(line);
      problem = problemWith(node);
      if (problem == null) {
        Endpoint endpoint = new Endpoint(node.get("name").textValue(), node.get("url").textValue());
        out.collect(round > 0 ? endpoint.inRound(round, polledAtMillis) : endpoint);
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
    ctx.output(
        DEAD_LETTERS,
        DeadLetters.endpointLine(shown, problem, round, polledAtMillis, Instant.now()));
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

  private static final class Once extends ParseEndpointLines<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(String line, Context ctx, Collector<Endpoint> out) {
      parse(line, 0, 0, ctx, out);
    }
  }

  private static final class Polled extends ParseEndpointLines<PolledLine> {
    private static final long serialVersionUID = 1L;

    private final String file;

    Polled(String file) {
      this.file = file;
    }

    @Override
    public void processElement(PolledLine line, Context ctx, Collector<Endpoint> out) {
      if (line.readable()) {
        parse(line.text(), line.round(), line.polledAtMillis(), ctx, out);
        return;
      }
      ctx.output(RUN_COUNTS, RunCounts.ofBadEndpointLine());
      ctx.output(
          DEAD_LETTERS,
          DeadLetters.endpointFile(
              file, line.unreadable(), line.round(), line.polledAtMillis(), Instant.now()));
    }
  }
}
