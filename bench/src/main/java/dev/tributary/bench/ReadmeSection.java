package dev.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The README's "Benchmarks" section, written from a run's tables (target/bench/README-section.md).
 */
final class ReadmeSection {
  private ReadmeSection() {}

  static String of(Machine machine, List<String> args, List<SectionReport> reports) {
    StringBuilder md = new StringBuilder();
    md.append("## Benchmarks\n\n")
        .append("```bash\n")
        .append(
            "bin/tributary bench                      # every table: about 25 minutes on 2 cores\n")
        .append(
            "bin/tributary bench --quick              # N = 50 and 200, one repetition, 3 warm rounds, no scale run: about 4 minutes\n")
        .append("bin/tributary bench --only throughput --reps 5\n")
        .append("```\n\n")
        .append(
            "The benchmark is a Maven project of its own, `bench/` (`bench/pom.xml`), so that the job jar holds\n")
        .append(
            "the job and nothing of its measurement. `bin/tributary bench` builds the job jar and then the\n")
        .append(
            "benchmark (`bench/target/tributary-bench.jar`) on first use and whenever their sources change, and\n")
        .append(
            "runs it with the job jar, Flink's jars and its own libraries (XChart, for the charts). It compiles\n")
        .append(
            "against the job jar of the top-level build (`target/tributary-<version>.jar`, taken as a file: nothing is\n")
        .append(
            "installed into the local Maven repository, and nothing but Maven Central is needed).\n\n")
        .append(
            "It runs on 127.0.0.1 only, starts and stops its own servers, and writes under `target/bench/`:\n")
        .append(
            "`results.json` (every repetition, raw), one CSV per table, `tables.md`, `latency.png` and\n")
        .append(
            "`throughput.png`. Tributary runs as a user runs it (`bin/tributary run` on a generated job\n")
        .append(
            "file); the bare client gets the same JVM options (`conf/jvm.options`, `JAVA_OPTS`). The\n")
        .append("throughput and scale tables use nginx when it is installed\n")
        .append(
            "(`apt-get install nginx-light`; otherwise the demo API's static mode, which shares the cores\n")
        .append("and may be the bottleneck), and the aiohttp row needs a python3 with aiohttp\n")
        .append(
            "(`apt-get install python3-aiohttp`). Numbers are medians of `--reps` runs (default 3) with\n")
        .append(
            "min–max; a shared 2-core machine is noisy, so read differences under ~10% as equal.\n\n");
    md.append("Results of `")
        .append(String.join(" ", prepend("bin/tributary bench", args)))
        .append("`. ")
        .append(machine.heading())
        .append("\n\n");
    for (SectionReport report : reports) {
      md.append("### ")
          .append(report.title())
          .append("\n\n")
          .append(report.markdown())
          .append('\n');
      if (report.name().equals("latency")) {
        md.append("![seconds against N, log-log](docs/bench/latency.png)\n\n");
      } else if (report.name().equals("throughput")) {
        md.append("![requests per second](docs/bench/throughput.png)\n\n");
      }
    }
    md.append(
        "<!-- The charts are target/bench/latency.png and throughput.png of this run: copy them to docs/bench/. -->\n");
    return md.toString();
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
