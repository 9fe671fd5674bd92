package dev.tributary.fetch;

import dev.tributary.config.Durations;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

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
    // AsyncHttpClient wraps every failure of the connect phase, a TLS handshake too, in a
    // ConnectException: look for TLS first.
    if (Causes.find(error, NotSslRecordException.class) != null) {
      // Its message is a hex dump of what came back instead.
      return "tls handshake failed: the server does not speak TLS on that port (http:// instead?)";
    }
    SSLException tls = Causes.find(error, SSLException.class);
    if (tls != null) return "tls handshake failed: " + describe(tls);
    if (Causes.find(error, ConnectException.class) != null) return "connection refused";
    if (Causes.find(error, ClosedChannelException.class) != null) {
      return "connection closed by the server";
    }
    List<Throwable> chain = Causes.of(error);
    return describe(chain.get(chain.size() - 1));
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    String kind = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + firstLine(message);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
