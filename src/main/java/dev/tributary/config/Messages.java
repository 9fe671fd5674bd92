package dev.tributary.config;

/** How a message quotes what the user wrote: short enough to read, on one line. */
public final class Messages {
  /** Longest piece of user input quoted back in a message. */
  public static final int MAX_QUOTED = 60;

  private Messages() {}

  /** The text, cut to {@link #MAX_QUOTED} characters with {@code ...} when longer. */
  public static String cut(String text) {
    if (text == null) return "null";
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
  }
}
