package dev.tributary.demo;

import dev.tributary.config.Durations;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.demo.LoopbackHttpServer.Request;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The built-in demo API: {@code GET /api/{name}} answers the endpoint's JSON records (see {@link
 * DemoData}) after a seeded latency, or plays the seeded fault of the attempt (see {@link
 * DemoFaults}). Every answer except a hang (fault or not) comes after {@link DemoData#latency}.
 *
 * <p>Other paths get 404 and other methods 405, at once. In static mode every GET, whatever its
 * path, gets the same 10-record body at once ({@link DemoData#staticRecords()}), for throughput
 * benchmarks.
 *
 * <p>{@link #start(DemoApiOptions)} runs it on a {@link LoopbackHttpServer} and hands that server
 * back (its counters are the API's counters); close it to stop the API.
 */
public final class DemoApi implements LoopbackHttpServer.Responder {
  public static final String PATH_PREFIX = "/api/";

  /** Seconds a throttled client is told to wait. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final Reply STATIC = Reply.json(200, DemoData.STATIC_BODY);
  private static final Reply NOT_FOUND = Reply.json(404, "{\"error\":\"not found\"}");
  private static final Reply NOT_ALLOWED =
      Reply.json(405, "{\"error\":\"method not allowed\"}").withHeader("Allow", "GET");
  private static final Reply THROTTLED =
      Reply.json(429, "{\"error\":\"too many requests\"}")
          .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
  private static final Reply UNAVAILABLE = Reply.json(503, "{\"error\":\"service unavailable\"}");

  private final DemoApiOptions options;

  public DemoApi(DemoApiOptions options) {
    this.options = options;
  }

  /** Starts the demo API on 127.0.0.1 with the default worker threads. */
  public static LoopbackHttpServer start(DemoApiOptions options) {
    return start(options, LoopbackHttpServer.DEFAULT_WORKER_THREADS);
  }

  /** Starts the demo API on 127.0.0.1. */
  public static LoopbackHttpServer start(DemoApiOptions options, int workerThreads) {
    return LoopbackHttpServer.start(
        options.port(), workerThreads, options.hangLimit(), new DemoApi(options));
  }

  /**
   * Runs the demo API for {@code bin/tributary demo-api}: starts it, prints where it listens and
   * returns only when the thread is interrupted; a JVM shutdown (Ctrl-C) closes the server.
   */
  public static void serveUntilInterrupted(DemoApiOptions options) {
    serveUntilInterrupted(options, System.out);
  }

  static void serveUntilInterrupted(DemoApiOptions options, PrintStream out) {
    LoopbackHttpServer server = start(options);
    Thread hook = new Thread(server::close, "demo-api-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(describe(options, server.port()));
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running and closes the server.
      }
      server.close();
    }
  }

  /**
   * The line printed on start: {@code demo API on http://127.0.0.1:8089/api/{name} (latency
   * 200ms..500ms, seed 42)}.
   */
  static String describe(DemoApiOptions options, int port) {
    String where = "demo API on http://127.0.0.1:" + port + PATH_PREFIX + "{name}";
    if (options.staticBody()) return where + " (static 10-record body, no latency, no faults)";
    List<String> details = new ArrayList<>();
    details.add("latency " + latencyText(options.latencyMin(), options.latencyMax()));
    details.add("seed " + options.seed());
    FaultRates f = options.faults();
    List<String> faults = new ArrayList<>();
    addRate(faults, "throttle", f.throttle());
    addRate(faults, "error", f.error());
    addRate(faults, "hang", f.hang());
    addRate(faults, "not-found", f.notFound());
    addRate(faults, "malformed", f.malformed());
    if (!faults.isEmpty()) {
      details.add(
          "faults "
              + String.join(" ", faults)
              + ", hang limit "
              + Durations.format(options.hangLimit()));
    }
    return where + " (" + String.join(", ", details) + ")";
  }

  static String latencyText(Duration min, Duration max) {
    return min.equals(max)
        ? Durations.format(min)
        : Durations.format(min) + ".." + Durations.format(max);
  }

  private static void addRate(List<String> faults, String name, double rate) {
    if (rate > 0) faults.add(name + " " + rate);
  }

  @Override
  public Reply reply(Request request) {
    if (!"GET".equals(request.method())) return NOT_ALLOWED;
    if (options.staticBody()) return STATIC;
    String path = request.path();
    if (!path.startsWith(PATH_PREFIX)) return NOT_FOUND;
    String name = path.substring(PATH_PREFIX.length());
    if (name.isEmpty() || name.indexOf('/') >= 0) return NOT_FOUND;

    int attempt = request.attempt();
    Duration latency = DemoData.latency(options, name, attempt);
    return switch (DemoFaults.faultFor(options, name, attempt)) {
      case NONE -> Reply.json(200, DemoData.body(options.seed(), name)).after(latency);
      case THROTTLE -> THROTTLED.after(latency);
      case ERROR -> UNAVAILABLE.after(latency);
      case HANG -> Reply.hang();
      case NOT_FOUND -> NOT_FOUND.after(latency);
      case MALFORMED ->
          Reply.json(200, DemoData.malformedBody(options.seed(), name)).after(latency);
    };
  }
}
