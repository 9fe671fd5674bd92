package dev.tributary.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;

/**
 * How response bodies are read: exact decimals as written, within bounds that keep a hostile body
 * from costing more than its size, and the reasons a body cannot be read, in the README's words.
 */
public final class BodyJson {
  /** Deeper arrays and objects than this make a body malformed (Jackson's own default). */
  public static final int MAX_NESTING_DEPTH = 1_000;

  /**
   * Longer numbers than this make a body malformed: reading one costs time quadratic in its length
   * (Jackson's own default).
   */
  public static final int MAX_NUMBER_DIGITS = 1_000;

  private static final int MAX_DETAIL = 120;

  private BodyJson() {}

  /** A mapper for bodies: exact decimals, trailing zeros kept (1.10 stays 1.10), bounded. */
  public static ObjectMapper newMapper() {
    ObjectMapper json =
        new ObjectMapper()
            // Floats as BigDecimal: a double would turn 0.1 into 0.1000000000000000055...
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    json.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_DIGITS)
                .build());
    return json;
  }

  /** Why a body could not be read: {@code malformed body: ...}. */
  public static String problemWith(IOException error) {
    if (error instanceof StreamConstraintsException) {
      String message = String.valueOf(error.getMessage());
      if (message.contains("nesting depth")) {
        return "malformed body: nested too deeply (more than " + MAX_NESTING_DEPTH + " levels)";
      }
      if (message.contains("Number value length")) {
        return "malformed body: a number longer than " + MAX_NUMBER_DIGITS + " digits";
      }
      return "malformed body: a value too long to read";
    }
    String message =
        error instanceof JsonProcessingException jpe
            ? jpe.getOriginalMessage()
            : error.getMessage();
    if (message == null || message.isBlank()) return "malformed body: unreadable";
    if (message.startsWith("Invalid UTF-8")) return "malformed body: not UTF-8";
    return "malformed body: " + detail(message);
  }

  /** The parser's complaint without where it was (the body is not kept) and cut short. */
  private static String detail(String message) {
    String line = message.strip().lines().findFirst().orElse("").strip();
    int source = line.indexOf(" (start marker at [Source");
    if (source > 0) line = line.substring(0, source);
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
