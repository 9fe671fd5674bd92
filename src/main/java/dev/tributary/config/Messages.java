package dev.tributary.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/** How a message quotes what the user wrote: short enough to read, on one line. */
public final class Messages {
  /** Longest piece of user input quoted back in a message. */
  public static final int MAX_QUOTED = 60;

  private Messages() {}

  /** The text, cut to {@link #MAX_QUOTED} characters with {@code ...} when longer. */
  public static String cut(String text) {
    if (text == null) return "null";
    if (text.length() <= MAX_QUOTED) return text;
    int end = MAX_QUOTED;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--; // keep a pair whole
    return text.substring(0, end) + "...";
  }

  /**
   * The text in double quotes, escaped as in JSON (so a newline or control character shows as
   * such), then cut.
   */
  static String quote(String text) {
    return cut("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"");
  }

  /** A value of the job file as a message shows it: strings quoted, containers by kind. */
  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) return "nothing";
    if (value.isObject()) return "a mapping";
    if (value.isArray()) return "a list";
    if (value.isTextual()) return quote(value.textValue());
    return cut(value.asText()); // numbers as written by Jackson (1e400 as Infinity), true, false
  }
}
