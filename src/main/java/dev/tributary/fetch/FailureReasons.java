package dev.tributary.fetch;

import dev.tributary.config.Durations;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Turns what went wrong with a request into the short reason a dead letter carries. */
final class FailureReasons {
  private FailureReasons() {}

  static String ofStatus(int status) {
    return "http " + status;
  }

  static String ofError(Throwable error, Duration timeout) {
    // Netty's connect timeout is a ConnectException too: look for it before "refused".
    if (Causes.find(error, ConnectTimeoutException.class) != null) return "connect timeout";
    if (Causes.find(error, TimeoutException.class) != null) {
      return "timeout after " + Durations.format(timeout);
    }
    UnknownHostException unknownHost = Causes.find(error, UnknownHostException.class);
    if (unknownHost != null) return "unknown host " + unknownHost.getMessage();
    if (Causes.find(error, ConnectException.class) != null) return "connection refused";
    if (Causes.find(error, ClosedChannelException.class) != null) {
      return "connection closed by the server";
    }
    List<Throwable> chain = Causes.of(error);
    Throwable root = chain.get(chain.size() - 1);
    String message = root.getMessage();
    String kind = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + firstLine(message);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
