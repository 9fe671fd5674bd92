package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Scale: a million endpoints from a file at 1000 in flight with the heap capped at 512 MB, against
 * the static server. It must complete, with memory flat over the run.
 */
final class ScaleBench {
  static final int ENDPOINTS = 1_000_000;
  static final int CONCURRENCY = 1000;
  static final String HEAP = "-Xmx512m";
  static final double[] SHARES = {0.25, 0.5, 0.75, 1.0};
  private static final Duration DEADLINE = Duration.ofMinutes(20);
  private static final String RUN_ID = "scale-1m";
  private static final Duration LIVE_HEAP_PERIOD = Duration.ofSeconds(10);

  private final Project project;
  private final BenchOptions options;
  private final TributaryRunner tributary;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();

  ScaleBench(Project project, BenchOptions options, TributaryRunner tributary, PrintStream log) {
    this.project = project;
    this.options = options;
    this.tributary = tributary;
    this.log = log;
  }

  SectionReport run(Path workDir) throws IOException, InterruptedException {
    ArrayNode raw = json.createArrayNode();
    try (StaticServer server = StaticServer.startBest(project, workDir, options.nginxWorkers())) {
      Path endpoints = endpointsFile(workDir.resolve("endpoints-1m.jsonl"), server.urlPrefix());
      log.println(
          "scale: "
              + Fmt.whole(ENDPOINTS)
              + " endpoints from "
              + endpoints
              + ", server "
              + server.description());
      TributaryRunner.TributaryRun run;
      List<LiveHeapProbe.Sample> live;
      try (LiveHeapProbe probe = LiveHeapProbe.start(RUN_ID + "/job.yaml", LIVE_HEAP_PERIOD)) {
        run = tributary.runFile(RUN_ID, endpoints, CONCURRENCY, List.of(HEAP), DEADLINE);
        live = probe.stop();
      }
      ProcessSampler.Samples samples = run.child().samples();
      FetchWindow window = run.window();
      long[] rssAt = new long[SHARES.length];
      long[] liveKbAt = new long[SHARES.length];
      for (int i = 0; i < SHARES.length; i++) {
        rssAt[i] = samples.rssKbAt(window.at(SHARES[i]));
        liveKbAt[i] = LiveHeapProbe.liveBytesNear(live, window.at(SHARES[i])).orElse(-1024) / 1024;
      }
      boolean complete = run.summary().path("success").asLong() == ENDPOINTS;

      ObjectNode r = raw.addObject();
      r.put("endpoints", ENDPOINTS);
      r.put("concurrency", CONCURRENCY);
      r.put("jvm_options", HEAP);
      r.put("server", server.description());
      r.put("complete", complete);
      r.put("process_seconds", run.child().processSeconds());
      r.put("peak_rss_kb", samples.peakRssKb());
      r.put("client_cpu_seconds_process", samples.totalCpuSeconds());
      ArrayNode rss = r.putArray("rss_kb_at_25_50_75_100_percent");
      for (long kb : rssAt) rss.add(kb);
      ArrayNode liveSeries = r.putArray("live_heap_samples");
      for (LiveHeapProbe.Sample sample : live) {
        liveSeries.addArray().add(sample.epochMillis()).add(sample.liveBytes());
      }
      ArrayNode series = r.putArray("memory_samples");
      for (ProcessSampler.MemorySample m : samples.memory()) {
        series.addArray().add(m.epochMillis()).add(m.rssKb()).add(m.peakRssKb());
      }
      r.set("summary", run.summary());
      return report(run, complete, samples.peakRssKb(), rssAt, liveKbAt, server.description(), raw);
    }
  }

  /**
   * The endpoints file, reused when it already points at this server's port (regenerated otherwise:
   * the port is chosen free at every run).
   */
  static Path endpointsFile(Path file, String urlPrefix) throws IOException {
    String firstLine = line(0, urlPrefix);
    if (Files.isRegularFile(file)) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        if (firstLine.equals(reader.readLine()) && Files.size(file) > 0) {
          // Cheap check of the end too: a run killed while writing leaves a short file.
          long lines;
          try (var all = Files.lines(file)) {
            lines = all.count();
          }
          if (lines == ENDPOINTS) return file;
        }
      }
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (int i = 0; i < ENDPOINTS; i++) {
        out.write(line(i, urlPrefix));
        out.write('\n');
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private static String line(int i, String urlPrefix) {
    return "{\"name\": \"ep" + i + "\", \"url\": \"" + urlPrefix + i + "\"}";
  }

  private SectionReport report(
      TributaryRunner.TributaryRun run,
      boolean complete,
      long peakKb,
      long[] rssAt,
      long[] liveKbAt,
      String server,
      ArrayNode raw) {
    MarkdownTable table =
        new MarkdownTable()
            .right("endpoints")
            .right("limit")
            .left("heap")
            .left("completed")
            .right("seconds")
            .right("req/s")
            .right("peak RSS");
    table.row(
        Fmt.whole(ENDPOINTS),
        Integer.toString(CONCURRENCY),
        HEAP,
        complete ? "yes" : "no: " + run.summary().path("failed").asLong() + " failed",
        Fmt.sig3(run.seconds()),
        Fmt.whole(run.requestsPerSecond()),
        Fmt.megabytes(peakKb));
    MarkdownTable memory =
        new MarkdownTable()
            .left("memory over the run")
            .right("1st quarter")
            .right("2nd")
            .right("3rd")
            .right("4th");
    memory.row(
        "RSS at the end of the quarter",
        Fmt.megabytes(rssAt[0]),
        Fmt.megabytes(rssAt[1]),
        Fmt.megabytes(rssAt[2]),
        Fmt.megabytes(rssAt[3]));
    memory.row(
        "live heap near the end of the quarter",
        liveHeap(liveKbAt[0]),
        liveHeap(liveKbAt[1]),
        liveHeap(liveKbAt[2]),
        liveHeap(liveKbAt[3]));
    Csv csv =
        new Csv(
            "endpoints",
            "concurrency",
            "jvm_options",
            "completed",
            "seconds",
            "requests_per_second",
            "process_seconds",
            "peak_rss_mb",
            "rss_mb_25",
            "rss_mb_50",
            "rss_mb_75",
            "rss_mb_100",
            "live_heap_mb_25",
            "live_heap_mb_50",
            "live_heap_mb_75",
            "live_heap_mb_100");
    csv.row(
        ENDPOINTS,
        CONCURRENCY,
        HEAP,
        complete,
        run.seconds(),
        run.requestsPerSecond(),
        run.child().processSeconds(),
        peakKb / 1024.0,
        rssAt[0] / 1024.0,
        rssAt[1] / 1024.0,
        rssAt[2] / 1024.0,
        rssAt[3] / 1024.0,
        liveKbAt[0] / 1024.0,
        liveKbAt[1] / 1024.0,
        liveKbAt[2] / 1024.0,
        liveKbAt[3] / 1024.0);
    String notes =
        String.join(
            "\n",
            "",
            "- `source: {file: endpoints-1m.jsonl}` against "
                + server
                + "; one run (it takes a while); `"
                + HEAP
                + "` in the child's JVM options, as `JAVA_OPTS` would pass it.",
            "- RSS from /proc/<pid>/status every 0.5 s (peak: VmHWM), at the end of each quarter of"
                + " the span from the first request to the last answer; RSS follows the heap the JVM"
                + " has grown into (the probe's full collections let it shrink). The live heap is what the run really holds:"
                + " `jcmd PID GC.class_histogram` every "
                + LIVE_HEAP_PERIOD.toSeconds()
                + " s (a full collection, then only what is reachable; it pauses the run briefly),"
                + " the sample nearest each quarter's end.",
            "");
    return new SectionReport(
        "scale",
        "Scale: a million endpoints in 512 MB of heap",
        table.render() + "\n" + memory.render() + notes,
        csv,
        raw);
  }

  private static String liveHeap(long kb) {
    return kb < 0 ? "not measured" : Fmt.megabytes(kb);
  }
}
