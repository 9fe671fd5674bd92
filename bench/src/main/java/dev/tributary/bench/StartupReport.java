package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.demo.DemoApi;
import dev.tributary.demo.LoopbackHttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Start-up: from process start to the first request, split into JVM start, job-file parsing,
 * MiniCluster start and job deployment (the {@code startup} object of summary.json), over the
 * Tributary runs of the latency table, or over runs of its own when that table was not made.
 */
final class StartupReport {
  static final int OWN_RUN_ENDPOINTS = 50;
  static final int OWN_RUN_LIMIT = 50;
  static final List<String> PHASES =
      List.of("jvm_seconds", "parse_seconds", "cluster_seconds", "deploy_seconds");
  private static final List<String> PHASE_NAMES =
      List.of("JVM start (to main)", "job file parsing", "MiniCluster start", "job deployment");

  private StartupReport() {}

  /** Runs of its own: {@code reps} small jobs against the demo API, for {@code --only startup}. */
  static List<TributaryRunner.TributaryRun> ownRuns(
      TributaryRunner tributary, int reps, PrintStream log)
      throws IOException, InterruptedException {
    List<TributaryRunner.TributaryRun> runs = new ArrayList<>();
    try (LoopbackHttpServer api = DemoApi.start(LatencyBench.DEMO)) {
      String urlPrefix = api.baseUrl() + DemoApi.PATH_PREFIX + "ep";
      for (int rep = 1; rep <= reps; rep++) {
        runs.add(
            tributary.runRange(
                "startup-r" + rep,
                urlPrefix,
                OWN_RUN_ENDPOINTS,
                OWN_RUN_LIMIT,
                Duration.ofMinutes(2)));
        log.printf("startup: run %d/%d%n", rep, reps);
      }
    }
    return runs;
  }

  static SectionReport of(List<TributaryRunner.TributaryRun> runs, String source) {
    ObjectMapper json = new ObjectMapper();
    ArrayNode raw = json.createArrayNode();

    MarkdownTable table = new MarkdownTable().left("phase").right("seconds");
    Csv csv = new Csv("phase", "seconds_median", "seconds_min", "seconds_max", "runs");
    for (int i = 0; i < PHASES.size(); i++) {
      String key = PHASES.get(i);
      add(
          table,
          csv,
          PHASE_NAMES.get(i),
          runs,
          r -> r.summary().path("startup").path(key).asDouble());
    }
    add(
        table,
        csv,
        "**to the first request** (startup_seconds)",
        runs,
        r -> r.summary().path("startup_seconds").asDouble());
    add(
        table,
        csv,
        "launch to first request, seen from outside",
        runs,
        r -> (r.window().firstEpochMillis() - r.child().launchEpochMillis()) / 1000.0);
    add(
        table,
        csv,
        "after the last answer: outputs, shutdown, exit",
        runs,
        r -> (r.child().exitEpochMillis() - r.window().lastEpochMillis()) / 1000.0);

    for (TributaryRunner.TributaryRun run : runs) {
      ObjectNode r = raw.addObject();
      r.put("process_seconds", run.child().processSeconds());
      r.put("launch_epoch_millis", run.child().launchEpochMillis());
      r.put("exit_epoch_millis", run.child().exitEpochMillis());
      r.put("startup_seconds", run.summary().path("startup_seconds").asDouble());
      r.set("startup", run.summary().path("startup"));
    }

    List<String> notes = new ArrayList<>();
    notes.add("");
    notes.add("- Medians (min–max) over " + runs.size() + " `tributary run`s: " + source + ".");
    notes.add("");
    return new SectionReport(
        "startup",
        "Start-up: process start to the first request",
        table.render() + String.join("\n", notes),
        csv,
        raw);
  }

  private static void add(
      MarkdownTable table,
      Csv csv,
      String phase,
      List<TributaryRunner.TributaryRun> runs,
      Function<TributaryRunner.TributaryRun, Double> value) {
    Stat stat = Stat.of(runs.stream().map(value).toList());
    table.row(phase, stat.format(Fmt::sig3));
    csv.row(phase.replace("*", ""), stat.median(), stat.min(), stat.max(), stat.count());
  }
}
