package dev.tributary.job;

import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Exchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request one or more servers answered, with when it was read and when its answer was written
 * ({@link System#nanoTime()}, one clock for all servers of the JVM): what the client did, as the
 * servers saw it, to be read once the run is over.
 */
final class ServerLog {
  private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

  private ServerLog() {}

  /** Starts recording {@code server}'s answers; call it before the run. */
  static ServerLog of(LoopbackHttpServer server) {
    ServerLog log = new ServerLog();
    server.onAnswered(log.exchanges::add);
    return log;
  }

  /** The answered requests, in the order they were read. */
  List<Exchange> exchanges() {
    List<Exchange> sorted = new ArrayList<>(exchanges);
    sorted.sort(Comparator.comparingLong(Exchange::receivedNanos));
    return sorted;
  }

  /** The answered requests for {@code path}, in the order they were read. */
  List<Exchange> exchangesFor(String path) {
    return exchanges().stream().filter(e -> e.path().equals(path)).toList();
  }

  /** When each request was read, in order. */
  List<Long> arrivals() {
    return exchanges().stream().map(Exchange::receivedNanos).toList();
  }

  /** Requests read from {@code fromNanos} to {@code toNanos}, both included. */
  long arrivalsBetween(long fromNanos, long toNanos) {
    return arrivals().stream().filter(t -> t >= fromNanos && t <= toNanos).count();
  }

  /**
   * The most requests read within any {@code window} (a closed interval of that length), the first
   * {@code skipped} requests read left out.
   */
  int mostArrivalsWithin(Duration window, int skipped) {
    List<Long> all = arrivals();
    List<Long> arrivals = all.subList(Math.min(skipped, all.size()), all.size());
    int most = 0;
    int first = 0;
    for (int last = 0; last < arrivals.size(); last++) {
      while (arrivals.get(last) - arrivals.get(first) > window.toNanos()) first++;
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /**
   * The most requests in flight at once at any moment from {@code fromNanos} to {@code toNanos},
   * counted over all the servers of {@code logs} together.
   */
  static int peakInFlight(long fromNanos, long toNanos, List<ServerLog> logs) {
    // +1 when a request is read, -1 when its answer is written; at one instant the answers come
    // first, as the server counts a request out before writing its answer.
    List<long[]> events = new ArrayList<>();
    for (ServerLog log : logs) {
      for (Exchange e : log.exchanges) {
        events.add(new long[] {e.receivedNanos(), +1});
        events.add(new long[] {e.answeredNanos(), -1});
      }
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int now = 0;
    // What is still in flight when the window opens counts too.
    int peak = inFlightAt(fromNanos, logs);
    for (long[] event : events) {
      if (event[0] > toNanos) break;
      now += (int) event[1];
      if (event[0] >= fromNanos) peak = Math.max(peak, now);
    }
    return peak;
  }

  private static int inFlightAt(long nanos, List<ServerLog> logs) {
    int count = 0;
    for (ServerLog log : logs) {
      for (Exchange e : log.exchanges) {
        if (e.receivedNanos() <= nanos && e.answeredNanos() > nanos) count++;
      }
    }
    return count;
  }
}
