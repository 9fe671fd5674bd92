package dev.tributary.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** How a message quotes what the user wrote: short enough to read, on one line. */
public final class Messages {
  /** Longest piece of user input quoted back in a message. */
  public static final int MAX_QUOTED = 60;

  /** Longest path quoted back in a message: paths are long, and both their ends say something. */
  static final int MAX_PATH = 120;

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_<-]+");

  private Messages() {}

  /** The text, cut to {@link #MAX_QUOTED} characters with {@code ...} when longer. */
  public static String cut(String text) {
    if (text == null) return "null";
    if (text.length() <= MAX_QUOTED) return text;
    int end = MAX_QUOTED;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--; // keep a pair whole
    return text.substring(0, end) + "...";
  }

  /** The path, its middle left out when it is longer than {@link #MAX_PATH} characters. */
  static String path(String path) {
    if (path.length() <= MAX_PATH) return path;
    return path.substring(0, MAX_PATH / 2) + "..." + path.substring(path.length() - MAX_PATH / 2);
  }

  /**
   * The text in double quotes, escaped as in JSON (so a newline or control character shows as
   * such), then cut.
   */
  static String quote(String text) {
    return cut(quoted(text));
  }

  /** A path quoted as {@link #quote} does, its middle left out as {@link #path} does. */
  static String quotePath(String path) {
    return path(quoted(path));
  }

  /**
   * One key of a key path as a message shows it: as written when it is a plain word, else quoted
   * (so that spaces, dots and control characters show), and cut.
   */
  static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() ? cut(key) : quote(key);
  }

  /** A value of the job file as a message shows it: strings quoted, containers by kind. */
  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) return "nothing";
    if (value.isObject()) return "a mapping";
    if (value.isArray()) return "a list";
    if (value.isTextual()) return quote(value.textValue());
    return cut(value.asText()); // numbers as Jackson writes them (1e400 as Infinity), true, false
  }

  private static String quoted(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
