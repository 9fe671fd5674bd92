package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Throughput against the client's own ceiling: 0 ms latency, a static 10-record body, N requests at
 * 256 in flight, by Tributary (the whole job, also with per-host limits that do not bind), the bare
 * AsyncHttpClient loop and, when present, the aiohttp pipeline. Every client and the server are
 * separate processes measured from outside the same way; CPU counts inside each client's fetch
 * window.
 */
final class ThroughputBench {
  static final int CONCURRENCY = 256;
  static final String TRIBUTARY = "tributary";
  static final String PER_HOST = "tributary, per-host limits";
  static final String BARE = "bare client";
  static final String AIOHTTP = "aiohttp";

  /*
   * Per-host limits that never bind, so the row measures what configuring politeness costs: one
   * host may have all of the job's requests in flight, the rate is far above any client's here, and
   * a burst above CONCURRENCY lets even the first wave through without waiting for tokens.
   */
  static final int PER_HOST_RATE = 1_000_000;
  static final int PER_HOST_BURST = 1_000;
  static final String PER_HOST_KEYS =
      "perHost: {concurrency: "
          + CONCURRENCY
          + ", rate: "
          + PER_HOST_RATE
          + ", burst: "
          + PER_HOST_BURST
          + "}";

  /** A Tributary row: its approach, its job file's http section and its runs' directory stem. */
  record Variant(String approach, TributaryRunner.Http http, String runStem) {}

  static final Variant PLAIN =
      new Variant(TRIBUTARY, TributaryRunner.Http.of(CONCURRENCY), "throughput");
  static final Variant LIMITED =
      new Variant(
          PER_HOST, new TributaryRunner.Http(CONCURRENCY, PER_HOST_KEYS), "throughput-perhost");

  /** One client run as measured. */
  record Measurement(
      String approach,
      int count,
      int rep,
      long requests,
      FetchWindow window,
      double processSeconds,
      double clientWindowCpu,
      double clientProcessCpu,
      double serverWindowCpu) {
    double requestsPerSecond() {
      return requests / window.seconds();
    }

    double cpuMicrosPerRequest() {
      return clientWindowCpu * 1e6 / requests;
    }

    /** The server's CPU as a share of one core over the window: near 1 it would be the limit. */
    double serverBusy() {
      return serverWindowCpu / window.seconds();
    }
  }

  /** One row: the repetitions of one approach at one N. */
  record Row(String approach, int count, List<Measurement> runs) {
    Stat rate() {
      return Stat.of(runs.stream().map(Measurement::requestsPerSecond).toList());
    }

    Stat clientCpu() {
      return Stat.of(runs.stream().map(Measurement::clientWindowCpu).toList());
    }

    Stat clientProcessCpu() {
      return Stat.of(runs.stream().map(Measurement::clientProcessCpu).toList());
    }

    Stat micros() {
      return Stat.of(runs.stream().map(Measurement::cpuMicrosPerRequest).toList());
    }

    Stat serverCpu() {
      return Stat.of(runs.stream().map(Measurement::serverWindowCpu).toList());
    }

    Stat serverBusy() {
      return Stat.of(runs.stream().map(Measurement::serverBusy).toList());
    }
  }

  private final Project project;
  private final BenchOptions options;
  private final TributaryRunner tributary;
  private final Path runsDir;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();
  private final ArrayNode raw = json.createArrayNode();
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private String serverDescription = "";
  private Optional<String> python = Optional.empty();

  ThroughputBench(
      Project project,
      BenchOptions options,
      TributaryRunner tributary,
      Path runsDir,
      PrintStream log) {
    this.project = project;
    this.options = options;
    this.tributary = tributary;
    this.runsDir = runsDir;
    this.log = log;
  }

  List<Row> rows() {
    return List.copyOf(rows.values());
  }

  SectionReport run(Path workDir) throws IOException, InterruptedException {
    python =
        AiohttpPipeline.scriptExists(project) ? AiohttpPipeline.findPython() : Optional.empty();
    if (python.isEmpty()) log.println("throughput: " + AiohttpPipeline.HOW_TO_GET);
    try (StaticServer server = StaticServer.startBest(project, workDir, options.nginxWorkers())) {
      serverDescription = server.description();
      log.println("throughput: server " + serverDescription + " on port " + server.port());
      for (int n : options.throughputCounts()) {
        // Repetitions interleave the clients, so a noisy minute hurts them alike.
        for (int rep = 1; rep <= options.reps(); rep++) {
          // The two Tributary rows take turns going first, so a drifting machine does not tilt the
          // ratio between them.
          boolean plainFirst = rep % 2 == 1;
          add(measureTributary(server, n, rep, plainFirst ? PLAIN : LIMITED));
          add(measureTributary(server, n, rep, plainFirst ? LIMITED : PLAIN));
          add(measureBare(server, n, rep));
          if (python.isPresent()) add(measureAiohttp(server, python.get(), n, rep));
        }
      }
    }
    return report();
  }

  private Measurement measureTributary(StaticServer server, int n, int rep, Variant variant)
      throws IOException, InterruptedException {
    TributaryRunner.TributaryRun run;
    ProcessSampler.Samples serverSamples;
    try (ProcessSampler serverSampler = ProcessSampler.start("server", server::pids)) {
      run =
          tributary.runRange(
              variant.runStem() + "-n" + n + "-r" + rep,
              server.urlPrefix(),
              n,
              variant.http(),
              deadline(n));
      serverSamples = serverSampler.stop();
    }
    return measured(
        variant.approach(),
        n,
        rep,
        run.requests(),
        run.window(),
        run.child(),
        serverSamples,
        run.summary());
  }

  private Measurement measureBare(StaticServer server, int n, int rep)
      throws IOException, InterruptedException {
    Path dir = runsDir.resolve("bare-n" + n + "-r" + rep);
    Path result = dir.resolve("result.json");
    List<String> command =
        project.javaCommand(
            List.of(),
            BareClient.class.getName(),
            List.of(
                server.urlPrefix(),
                Integer.toString(n),
                Integer.toString(CONCURRENCY),
                result.toAbsolutePath().toString()));
    return measureClient(BARE, server, command, dir, result, n, rep);
  }

  private Measurement measureAiohttp(StaticServer server, String python, int n, int rep)
      throws IOException, InterruptedException {
    Path dir = runsDir.resolve("aiohttp-n" + n + "-r" + rep);
    Path result = dir.resolve("result.json");
    List<String> command = AiohttpPipeline.command(python, project, server.urlPrefix(), n, result);
    return measureClient(AIOHTTP, server, command, dir, result, n, rep);
  }

  private Measurement measureClient(
      String approach,
      StaticServer server,
      List<String> command,
      Path dir,
      Path result,
      int n,
      int rep)
      throws IOException, InterruptedException {
    ChildRun child;
    ProcessSampler.Samples serverSamples;
    try (ProcessSampler serverSampler = ProcessSampler.start("server", server::pids)) {
      child = ChildRun.run(approach, command, Map.of(), dir, deadline(n)).requireSuccess(approach);
      serverSamples = serverSampler.stop();
    }
    JsonNode resultJson = json.readTree(result.toFile());
    return measured(
        approach,
        n,
        rep,
        resultJson.path("requests").asLong(),
        FetchWindow.ofResult(resultJson),
        child,
        serverSamples,
        resultJson);
  }

  private Measurement measured(
      String approach,
      int n,
      int rep,
      long requests,
      FetchWindow window,
      ChildRun child,
      ProcessSampler.Samples server,
      JsonNode reported) {
    Measurement m =
        new Measurement(
            approach,
            n,
            rep,
            requests,
            window,
            child.processSeconds(),
            child.samples().cpuSecondsBetween(window.firstEpochMillis(), window.lastEpochMillis()),
            child.samples().totalCpuSeconds(),
            server.cpuSecondsBetween(window.firstEpochMillis(), window.lastEpochMillis()));
    ObjectNode r = raw.addObject();
    r.put("n", n);
    r.put("approach", approach);
    r.put("rep", rep);
    r.put("requests", requests);
    r.put("first_request_epoch_millis", window.firstEpochMillis());
    r.put("last_finished_epoch_millis", window.lastEpochMillis());
    r.put("seconds", window.seconds());
    r.put("requests_per_second", m.requestsPerSecond());
    r.put("process_seconds", m.processSeconds());
    r.put("client_cpu_seconds_in_window", m.clientWindowCpu());
    r.put("client_cpu_seconds_process", m.clientProcessCpu());
    r.put("cpu_micros_per_request", m.cpuMicrosPerRequest());
    r.put("server_cpu_seconds_in_window", m.serverWindowCpu());
    r.put("server_busy", m.serverBusy());
    r.set("reported", reported);
    log.printf(
        "throughput: N=%s %s, rep %d/%d: %s req/s, client CPU %s s (%s µs/req), server CPU %s s%n",
        Fmt.whole(n),
        approach,
        rep,
        options.reps(),
        Fmt.whole(m.requestsPerSecond()),
        Fmt.sig3(m.clientWindowCpu()),
        Fmt.whole(m.cpuMicrosPerRequest()),
        Fmt.sig3(m.serverWindowCpu()));
    log.flush();
    return m;
  }

  private void add(Measurement m) {
    rows.computeIfAbsent(
            m.approach() + "@" + m.count(),
            k -> new Row(m.approach(), m.count(), new ArrayList<>()))
        .runs()
        .add(m);
  }

  /** Start-up plus a generous floor of 2,000 requests a second, and a minute for noise. */
  private static Duration deadline(int n) {
    return Duration.ofSeconds(90 + n / 2_000);
  }

  /** Tributary's requests/s over the bare client's, at the same N (medians). */
  double tributaryOverBare(int n) {
    return rateRatio(rows.values(), TRIBUTARY, BARE, n);
  }

  /**
   * One approach's requests/s over another's at the same N (medians); NaN when either has no row.
   */
  static double rateRatio(Collection<Row> rows, String over, String under, int n) {
    Optional<Row> o = find(rows, over, n);
    Optional<Row> u = find(rows, under, n);
    return o.isEmpty() || u.isEmpty()
        ? Double.NaN
        : o.get().rate().median() / u.get().rate().median();
  }

  private static Optional<Row> find(Collection<Row> rows, String approach, int n) {
    return rows.stream().filter(r -> r.approach().equals(approach) && r.count() == n).findFirst();
  }

  /**
   * The note with the ratio the per-host row is for, at each N that has both Tributary rows; empty
   * when none has.
   */
  static Optional<String> perHostOverWithout(Collection<Row> rows) {
    List<String> ratios =
        rows.stream()
            .filter(r -> r.approach().equals(PER_HOST))
            .map(Row::count)
            .filter(n -> find(rows, TRIBUTARY, n).isPresent())
            .map(
                n ->
                    "N = "
                        + Fmt.whole(n)
                        + ": "
                        + Fmt.percent(rateRatio(rows, PER_HOST, TRIBUTARY, n)))
            .toList();
    if (ratios.isEmpty()) return Optional.empty();
    return Optional.of(
        "- per-host limits ÷ without (req/s, medians): "
            + String.join(", ", ratios)
            + " (aim: 90% or more; limits that do not bind must not cost speed).");
  }

  private SectionReport report() {
    MarkdownTable table =
        new MarkdownTable()
            .right("N")
            .left("approach")
            .right("req/s")
            .right("client CPU s")
            .right("CPU µs/req")
            .right("client CPU s, whole process")
            .right("server CPU s")
            .right("server busy")
            .right("÷ bare client");
    Csv csv =
        new Csv(
            "n",
            "approach",
            "requests_per_second_median",
            "requests_per_second_min",
            "requests_per_second_max",
            "client_cpu_seconds",
            "cpu_micros_per_request",
            "client_cpu_seconds_process",
            "server_cpu_seconds",
            "server_busy",
            "ratio_to_bare",
            "reps");
    for (Row row : rows.values()) {
      double ratio = rateRatio(rows.values(), row.approach(), BARE, row.count());
      table.row(
          Fmt.whole(row.count()),
          row.approach(),
          row.rate().format(Fmt::whole),
          row.clientCpu().format(Fmt::sig3),
          row.micros().format(Fmt::whole),
          row.clientProcessCpu().format(Fmt::sig3),
          row.serverCpu().format(Fmt::sig3),
          Fmt.percent(row.serverBusy().median()),
          Double.isNaN(ratio) ? "—" : Fmt.percent(ratio));
      csv.row(
          row.count(),
          row.approach(),
          row.rate().median(),
          row.rate().min(),
          row.rate().max(),
          row.clientCpu().median(),
          row.micros().median(),
          row.clientProcessCpu().median(),
          row.serverCpu().median(),
          row.serverBusy().median(),
          ratio,
          row.runs().size());
    }
    List<String> notes = new ArrayList<>();
    notes.add("");
    notes.add(
        "- Server: "
            + serverDescription
            + " on 127.0.0.1, answering every GET at once with the demo API's static 10-record"
            + " body; client, server and (for Tributary) the MiniCluster share the machine's cores.");
    notes.add(
        "- tributary: the whole job (records, daily totals and dead letters written), concurrency "
            + CONCURRENCY
            + "; tributary, per-host limits: the same run with http."
            + PER_HOST_KEYS
            + ", limits that do not bind (all "
            + CONCURRENCY
            + " in flight may go to the one host, the rate is far above any row's req/s, and the"
            + " burst exceeds "
            + CONCURRENCY
            + ")"
            + "; bare client: the same GETs with AsyncHttpClient 3.0.13 (default config), a"
            + " semaphore of "
            + CONCURRENCY
            + ", one Jackson readTree per body, no Flink; aiohttp: bench/aiohttp_pipeline.py,"
            + " asyncio.Semaphore("
            + AiohttpPipeline.CONCURRENCY
            + "), resp.json() per body, amounts grouped by date.");
    notes.add(
        "- req/s and client/server CPU over each client's own window, first request to last"
            + " output; CPU is utime+stime from /proc/<pid>/stat sampled every 20 ms (nginx: master"
            + " and workers). \"whole process\" includes JVM start, Flink start-up and shutdown."
            + " server busy: server CPU ÷ window, in cores (one nginx worker is the limit at 100%).");
    notes.add(
        "- Medians of "
            + options.reps()
            + (options.reps() == 1 ? " run" : " runs (min–max)")
            + ", the clients interleaved and the two tributary rows taking turns to go first.");
    perHostOverWithout(rows.values()).ifPresent(notes::add);
    if (python.isEmpty()) notes.add("- No aiohttp row: " + AiohttpPipeline.HOW_TO_GET + ".");
    notes.add("");
    return new SectionReport(
        "throughput",
        "Throughput against the client's own ceiling",
        table.render() + String.join("\n", notes),
        csv,
        raw);
  }
}
