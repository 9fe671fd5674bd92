package dev.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code tributary bench [--quick] [--reps N] [--only latency,throughput,scale,startup,warm]}: runs
 * the benchmarks, prints each table as Markdown and saves everything under {@code target/bench/}
 * (results.json with every repetition, a CSV per table, tables.md, latency.png, throughput.png and
 * README-section.md).
 */
public final class BenchCommand {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private BenchCommand() {}

  /**
   * {@code bin/tributary bench ARGS} runs this (the job's own entry point, cli.Main, has no bench).
   */
  public static void main(String[] args) {
    int code = run(Arrays.asList(args), System.out, System.err);
    // As cli.Main: threads of Netty (the demo API) and the HTTP clients may outlive the run.
    System.exit(code);
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.UsageException e) {
      err.println("tributary bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
      return EXIT_USAGE;
    }
    System.setProperty("java.awt.headless", "true");
    Project project = Project.ofRunningCode();
    Path dir =
        options.out() != null
            ? options.out().toAbsolutePath()
            : project.dir().resolve("target/bench");
    try {
      project.classPath(); // fails early, with the fix, when the jar is not built
      return new BenchCommandRun(project, options, args, dir, out, err).runAll();
    } catch (IOException e) {
      err.println("tributary bench: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("tributary bench: interrupted");
      return EXIT_FAILED;
    }
  }

  /** One invocation: runs the chosen sections in order and saves as it goes. */
  private static final class BenchCommandRun {
    private final Project project;
    private final BenchOptions options;
    private final List<String> args;
    private final Path dir;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode results = json.createObjectNode();
    private final List<SectionReport> reports = new ArrayList<>();
    private final Machine machine = Machine.describeThis();

    BenchCommandRun(
        Project project,
        BenchOptions options,
        List<String> args,
        Path dir,
        PrintStream out,
        PrintStream err) {
      this.project = project;
      this.options = options;
      this.args = args;
      this.dir = dir;
      this.out = out;
      this.err = err;
    }

    int runAll() throws IOException, InterruptedException {
      Files.createDirectories(dir);
      clearPreviousResults();
      Path runs = dir.resolve("runs");
      TributaryRunner tributary = new TributaryRunner(project, runs);
      tributary.ensureClassArchive(err);
      results.set("machine", machine.toJson(json));
      ObjectNode opts = results.putObject("options");
      opts.put("mode", options.mode());
      opts.put("reps", options.reps());
      ArrayNode sections = opts.putArray("sections");
      options.sections().forEach(sections::add);
      results.putObject("sections");

      out.println("# Tributary benchmark (" + options.mode() + ")");
      out.println();
      out.println(machine.heading());
      out.println();
      out.flush();

      List<TributaryRunner.TributaryRun> latencyRuns = List.of();
      if (options.runs("latency")) {
        LatencyBench latency = new LatencyBench(options, tributary, err);
        publish(latency.run(machine));
        Charts.latency(latency.rows(), dir.resolve("latency.png"));
        latencyRuns = latency.tributaryRuns();
      }
      if (options.runs("throughput")) {
        ThroughputBench throughput = new ThroughputBench(project, options, tributary, runs, err);
        publish(throughput.run(dir));
        Charts.throughput(throughput.rows(), dir.resolve("throughput.png"));
      }
      if (options.runs("scale")) {
        publish(new ScaleBench(project, options, tributary, err).run(dir));
      }
      if (options.runs("startup")) {
        if (latencyRuns.isEmpty()) {
          publish(
              StartupReport.of(
                  StartupReport.ownRuns(tributary, Math.max(3, options.reps()), err),
                  StartupReport.OWN_RUN_ENDPOINTS
                      + " endpoints of the demo API at limit "
                      + StartupReport.OWN_RUN_LIMIT));
        } else {
          publish(StartupReport.of(latencyRuns, "the Tributary runs of the latency table"));
        }
      }
      if (options.runs("warm")) {
        publish(new WarmBench(options, tributary, err).run());
      }
      Files.writeString(
          dir.resolve("README-section.md"),
          ReadmeSection.of(machine, args, reports),
          StandardCharsets.UTF_8);
      err.println(
          "bench: results in "
              + dir
              + " (results.json, *.csv, tables.md, *.png, README-section.md)");
      return EXIT_OK;
    }

    /**
     * Removes the results and runs of an earlier invocation, so that everything in the folder
     * describes this one (the endpoints file and nginx's folder are kept: they are reused).
     */
    private void clearPreviousResults() throws IOException {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          boolean result =
              name.endsWith(".csv")
                  || name.endsWith(".png")
                  || name.equals("results.json")
                  || name.equals("tables.md")
                  || name.equals("README-section.md");
          if (result) Files.delete(file);
        }
      }
      Path runs = dir.resolve("runs");
      if (Files.isDirectory(runs)) {
        try (Stream<Path> tree = Files.walk(runs)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
      }
    }

    /** Prints a table and saves everything so far, so an interrupted run keeps what it measured. */
    private void publish(SectionReport report) throws IOException {
      reports.add(report);
      String text =
          "## " + report.title() + "\n\n" + machine.heading() + "\n\n" + report.markdown();
      out.println(text);
      out.flush();
      ((ObjectNode) results.get("sections")).set(report.name(), report.raw());
      report.csv().write(dir.resolve(report.name() + ".csv"));
      Files.writeString(
          dir.resolve("results.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n",
          StandardCharsets.UTF_8);
      StringBuilder tables =
          new StringBuilder("# Tributary benchmark (" + options.mode() + ")\n\n");
      for (SectionReport r : reports) {
        tables
            .append("## ")
            .append(r.title())
            .append("\n\n")
            .append(machine.heading())
            .append("\n\n")
            .append(r.markdown())
            .append('\n');
      }
      Files.writeString(dir.resolve("tables.md"), tables.toString(), StandardCharsets.UTF_8);
    }
  }
}
