package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.DemoApiOptions;
import dev.tributary.demo.FaultRates;
import dev.tributary.demo.LoopbackHttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency table: N endpoints of the demo API at 200–500 ms (seed 42, no faults), fetched one at
 * a time, by 10 blocking workers, and by Tributary at several limits, against the ideal schedule of
 * each limit.
 */
final class LatencyBench {
  static final DemoApiOptions DEMO =
      new DemoApiOptions(
          0,
          Duration.ofMillis(200),
          Duration.ofMillis(500),
          42,
          FaultRates.NONE,
          DemoApiOptions.DEFAULT_HANG_LIMIT,
          false);

  static final int POOL_THREADS = 10;

  /** Above this N the sequential client measures a sample and scales it (it would take minutes). */
  static final int SEQUENTIAL_MEASURED_UP_TO = 200;

  static final int SEQUENTIAL_SAMPLE = 100;

  /**
   * The sequential client's time is the sum of the latencies: one repetition says it all (the notes
   * say "once").
   */
  static final int SEQUENTIAL_REPS = 1;

  /** One row of the table. */
  record Row(
      int count,
      String approach,
      int limit,
      Stat seconds,
      Stat processSeconds,
      Stat requestsPerSecond,
      int peakInFlight,
      double idealSeconds,
      boolean estimated) {
    double ratio() {
      return seconds.median() / idealSeconds;
    }
  }

  private final BenchOptions options;
  private final TributaryRunner tributary;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();
  private final ArrayNode raw = json.createArrayNode();
  private final List<Row> rows = new ArrayList<>();
  private final List<TributaryRunner.TributaryRun> tributaryRuns = new ArrayList<>();

  LatencyBench(BenchOptions options, TributaryRunner tributary, PrintStream log) {
    this.options = options;
    this.tributary = tributary;
    this.log = log;
  }

  List<Row> rows() {
    return rows;
  }

  /** Every Tributary run of the table, for the start-up table. */
  List<TributaryRunner.TributaryRun> tributaryRuns() {
    return tributaryRuns;
  }

  SectionReport run(Machine machine) throws IOException, InterruptedException {
    try (LoopbackHttpServer api = DemoApi.start(DEMO)) {
      String urlPrefix = api.baseUrl() + DemoApi.PATH_PREFIX + "ep";
      for (int n : options.latencyCounts()) {
        measureSequential(api, urlPrefix, n);
        measurePool(api, urlPrefix, n);
        for (int limit : options.tributaryLimits()) measureTributary(api, urlPrefix, n, limit);
      }
    }
    return report();
  }

  private void measureSequential(LoopbackHttpServer api, String urlPrefix, int n)
      throws IOException, InterruptedException {
    boolean estimate = n > SEQUENTIAL_MEASURED_UP_TO;
    int measured = estimate ? SEQUENTIAL_SAMPLE : n;
    // Scaling by the ideal keeps the estimate exact about which latencies the rest would have had.
    double scale = estimate ? ideal(n, 1) / ideal(measured, 1) : 1;
    List<Double> seconds = new ArrayList<>();
    int peak = 0;
    for (int rep = 1; rep <= SEQUENTIAL_REPS; rep++) {
      api.resetCounters();
      BlockingClients.Timing t = BlockingClients.sequential(urlPrefix, measured);
      peak = Math.max(peak, api.peakInFlight());
      double s = t.seconds() * scale;
      seconds.add(s);
      ObjectNode r = rawRun(n, "sequential", 1, rep, s, peak);
      r.put("measured_requests", measured);
      r.put("measured_seconds", t.seconds());
      r.put("estimated", estimate);
      progress(
          n,
          "sequential" + (estimate ? " (first " + measured + ", scaled)" : ""),
          rep,
          SEQUENTIAL_REPS,
          s);
    }
    addInProcessRow(n, "sequential", 1, seconds, peak, estimate);
  }

  private void measurePool(LoopbackHttpServer api, String urlPrefix, int n)
      throws IOException, InterruptedException {
    List<Double> seconds = new ArrayList<>();
    int peak = 0;
    for (int rep = 1; rep <= options.reps(); rep++) {
      api.resetCounters();
      BlockingClients.Timing t =
          BlockingClients.pool(urlPrefix, n, POOL_THREADS, deadline(n, POOL_THREADS));
      peak = Math.max(peak, api.peakInFlight());
      seconds.add(t.seconds());
      rawRun(n, "pool", POOL_THREADS, rep, t.seconds(), api.peakInFlight());
      progress(n, "pool of " + POOL_THREADS, rep, options.reps(), t.seconds());
    }
    addInProcessRow(n, "pool", POOL_THREADS, seconds, peak, false);
  }

  private void measureTributary(LoopbackHttpServer api, String urlPrefix, int n, int limit)
      throws IOException, InterruptedException {
    List<Double> seconds = new ArrayList<>();
    List<Double> process = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    int peak = 0;
    for (int rep = 1; rep <= options.reps(); rep++) {
      api.resetCounters();
      TributaryRunner.TributaryRun run =
          tributary.runRange(
              "latency-n" + n + "-c" + limit + "-r" + rep, urlPrefix, n, limit, deadline(n, limit));
      tributaryRuns.add(run);
      peak = Math.max(peak, api.peakInFlight());
      seconds.add(run.seconds());
      process.add(run.child().processSeconds());
      rate.add(run.requestsPerSecond());
      ObjectNode r = rawRun(n, "tributary", limit, rep, run.seconds(), api.peakInFlight());
      r.put("process_seconds", run.child().processSeconds());
      r.set("summary", run.summary());
      progress(n, "tributary " + limit, rep, options.reps(), run.seconds());
    }
    rows.add(
        new Row(
            n,
            "tributary",
            limit,
            Stat.of(seconds),
            Stat.of(process),
            Stat.of(rate),
            peak,
            ideal(n, limit),
            false));
  }

  private void addInProcessRow(
      int n, String approach, int limit, List<Double> seconds, int peak, boolean estimated) {
    List<Double> rate = seconds.stream().map(s -> n / s).toList();
    rows.add(
        new Row(
            n,
            approach,
            limit,
            Stat.of(seconds),
            null,
            Stat.of(rate),
            peak,
            ideal(n, limit),
            estimated));
  }

  private ObjectNode rawRun(int n, String approach, int limit, int rep, double seconds, int peak) {
    ObjectNode r = raw.addObject();
    r.put("n", n);
    r.put("approach", approach);
    r.put("limit", limit);
    r.put("rep", rep);
    r.put("seconds", seconds);
    r.put("peak_in_flight", peak);
    r.put("ideal_seconds", ideal(n, limit));
    return r;
  }

  static double ideal(int n, int limit) {
    return IdealSchedule.demoSeconds(DEMO, n, limit);
  }

  /** Generous: start-up, three times the ideal, and a minute for a noisy machine. */
  private static Duration deadline(int n, int limit) {
    return Duration.ofSeconds(60 + Math.round(3 * ideal(n, limit)));
  }

  private void progress(int n, String what, int rep, int reps, double seconds) {
    log.printf("latency: N=%d %s, rep %d/%d: %s s%n", n, what, rep, reps, Fmt.sig3(seconds));
    log.flush();
  }

  private SectionReport report() {
    MarkdownTable table =
        new MarkdownTable()
            .right("N")
            .left("approach")
            .right("limit")
            .right("seconds")
            .right("process s")
            .right("req/s")
            .right("peak in flight")
            .right("ideal s")
            .right("measured ÷ ideal");
    Csv csv =
        new Csv(
            "n",
            "approach",
            "limit",
            "seconds_median",
            "seconds_min",
            "seconds_max",
            "process_seconds_median",
            "requests_per_second_median",
            "peak_in_flight",
            "ideal_seconds",
            "ratio",
            "estimated",
            "reps");
    for (Row row : rows) {
      table.row(
          Fmt.whole(row.count()),
          row.approach(),
          Integer.toString(row.limit()),
          row.seconds().format(Fmt::sig3) + (row.estimated() ? " (est.)" : ""),
          row.processSeconds() == null ? "—" : row.processSeconds().format(Fmt::sig3),
          row.requestsPerSecond().format(Fmt::whole),
          Integer.toString(row.peakInFlight()),
          Fmt.sig3(row.idealSeconds()),
          Fmt.sig3(row.ratio()));
      csv.row(
          row.count(),
          row.approach(),
          row.limit(),
          row.seconds().median(),
          row.seconds().min(),
          row.seconds().max(),
          row.processSeconds() == null ? null : row.processSeconds().median(),
          row.requestsPerSecond().median(),
          row.peakInFlight(),
          row.idealSeconds(),
          row.ratio(),
          row.estimated(),
          row.seconds().count());
    }
    String notes =
        String.join(
            "\n",
            "",
            "- The demo API inside the benchmark's JVM: 200–500 ms per endpoint (seed 42), no faults;"
                + " \"peak in flight\" is the most requests it saw at once.",
            "- seconds: from the first request to the last answer (Tributary: `seconds` of its"
                + " summary.json); process s: the whole `tributary run`, JVM start to exit (the"
                + " blocking clients run inside the benchmark's JVM: —).",
            "- ideal: endpoints in order, `limit` slots, each starts when the earliest slot frees,"
                + " computed from the seeded latencies (sequential = their sum).",
            "- Medians of "
                + options.reps()
                + (options.reps() == 1 ? " run" : " runs (min–max)")
                + "; the sequential client ran once (its time is the sum of the latencies: the"
                + " repetitions would differ by milliseconds), and above N = "
                + SEQUENTIAL_MEASURED_UP_TO
                + " it is estimated from the first "
                + SEQUENTIAL_SAMPLE
                + " endpoints, scaled by ideal(N) ÷ ideal("
                + SEQUENTIAL_SAMPLE
                + ").",
            "");
    return new SectionReport(
        "latency", "Latency: 200–500 ms endpoints", table.render() + notes, csv, raw);
  }
}
