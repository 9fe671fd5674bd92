package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a finished run's output folder the way a user would: the committed JSON-lines files. */
public final class JobOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final boolean skipAbandonedParts;

  public JobOutput(Path dir) {
    this(dir, false);
  }

  private JobOutput(Path dir, boolean skipAbandonedParts) {
    this.dir = dir;
    this.skipAbandonedParts = skipAbandonedParts;
  }

  /**
   * The output of a job that restarted: Flink's file sink leaves behind the hidden part files the
   * failed attempt was writing (never committed, never read again), and they are not counted.
   */
  public static JobOutput afterRestarts(Path dir) {
    return new JobOutput(dir, true);
  }

  public List<JsonNode> daily() {
    return lines("daily");
  }

  public List<JsonNode> records() {
    return lines("records");
  }

  public List<JsonNode> deadLetters() {
    return lines("dead-letter");
  }

  public JsonNode summary() {
    try {
      return JSON.readTree(dir.resolve("summary.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * date → exact total, from the daily output, without trailing zeros (12.5 and 12.50 are the same
   * amount); fails if a date appears twice.
   */
  Map<String, BigDecimal> dailyAmounts() {
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (JsonNode line : daily()) {
      BigDecimal amount = line.get("amount").decimalValue().stripTrailingZeros();
      BigDecimal previous = totals.put(line.get("date").asText(), amount);
      assertThat(previous).as("second line for date %s", line.get("date")).isNull();
    }
    return totals;
  }

  /** The same totals without trailing zeros, to compare with {@link #dailyAmounts()}. */
  static Map<String, BigDecimal> comparable(Map<String, BigDecimal> totals) {
    Map<String, BigDecimal> normalized = new TreeMap<>();
    totals.forEach((date, amount) -> normalized.put(date, amount.stripTrailingZeros()));
    return normalized;
  }

  /**
   * date → {@code "amount/count"} of the latest line of each date (by {@code updated_at}): the
   * current totals of a run that wrote a date more than once. Amounts without trailing zeros.
   */
  public Map<String, String> currentDailyTotals() {
    Map<String, JsonNode> latest = new TreeMap<>();
    for (JsonNode line : daily()) {
      latest.merge(
          line.get("date").asText(),
          line,
          (a, b) ->
              a.path("updated_at").asText().compareTo(b.path("updated_at").asText()) >= 0 ? a : b);
    }
    Map<String, String> totals = new TreeMap<>();
    latest.forEach(
        (date, line) ->
            totals.put(
                date,
                line.get("amount").decimalValue().stripTrailingZeros().toPlainString()
                    + "/"
                    + line.get("count").asLong()));
    return totals;
  }

  /**
   * {@code "amount/count"} of {@code count} records of {@code amount}, as in {@link
   * #currentDailyTotals}.
   */
  public static String total(String amount, long count) {
    return new BigDecimal(amount)
            .multiply(BigDecimal.valueOf(count))
            .stripTrailingZeros()
            .toPlainString()
        + "/"
        + count;
  }

  /**
   * date → count, from the daily output of a run that wrote each date once (a bounded run); fails
   * if a date appears twice ({@link #currentDailyTotals} reads a checkpointed run's).
   */
  Map<String, Long> dailyCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode line : daily()) {
      Long previous = counts.put(line.get("date").asText(), line.get("count").asLong());
      assertThat(previous).as("second line for date %s", line.get("date")).isNull();
    }
    return counts;
  }

  /** The lines of every committed part file in a folder; an in-progress file left behind fails. */
  List<JsonNode> lines(String folder) {
    Path path = dir.resolve(folder);
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(path)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (skipAbandonedParts && name.startsWith(".") && name.contains(".inprogress.")) continue;
        assertThat(name)
            .as("only committed part files in %s", path)
            .doesNotStartWith(".")
            .endsWith(".jsonl");
        for (String line : Files.readAllLines(file)) {
          lines.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
