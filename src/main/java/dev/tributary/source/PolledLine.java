package dev.tributary.source;

import java.io.Serializable;

/**
 * A line of a polled endpoints file, read in poll round {@code round}, which started at {@code
 * polledAtMillis}; or, when {@code unreadable} is set, why the file could not be read in that
 * round.
 */
public record PolledLine(String text, long round, long polledAtMillis, String unreadable)
    implements Serializable {

  public static PolledLine of(String text, long round, long polledAtMillis) {
    return new PolledLine(text, round, polledAtMillis, null);
  }

  public static PolledLine unreadable(String reason, long round, long polledAtMillis) {
    return new PolledLine("", round, polledAtMillis, reason);
  }

  public boolean readable() {
    return unreadable == null;
  }
}
