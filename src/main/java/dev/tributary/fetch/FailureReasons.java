package dev.tributary.fetch;

import dev.tributary.config.Durations;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Turns what went wrong with a request into the short reason a dead letter carries. */
final class FailureReasons {
  private static final int MAX_CAUSE_DEPTH = 32;

  private FailureReasons() {}

  static String ofStatus(int status) {
    return "http " + status;
  }

  static String ofError(Throwable error, Duration timeout) {
    Throwable cause = rootOf(error);
    if (cause instanceof TimeoutException) return "timeout after " + Durations.format(timeout);
    if (cause instanceof UnknownHostException) return "unknown host " + cause.getMessage();
    if (cause instanceof ConnectException) return "connection refused";
    if (cause instanceof ClosedChannelException) return "connection closed by the server";
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + firstLine(message);
  }

  /** The innermost cause, or a timeout met on the way; a bounded walk, as causes can form a cycle. */
  private static Throwable rootOf(Throwable error) {
    Throwable t = error;
    for (int depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
      if (t instanceof TimeoutException || t.getCause() == null || t.getCause() == t) break;
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
