package dev.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line {@code bin/tributary run} prints on stderr while a job runs. */
class ProgressLineIT {
  /** Short enough for several lines in any run; the launcher's JVM takes it as a property. */
  private static final Map<String, String> SHORT_INTERVAL =
      Map.of("JAVA_OPTS", "-Dtributary.progress.interval=200ms");

  private static final Pattern PROGRESS =
      Pattern.compile(
          "tributary: (?<done>[\\d,]+)(?:/(?<total>[\\d,]+))? endpoints, (?<failed>[\\d,]+) failed,"
              + " [\\d,]+ requests/s");

  /** The counts of a summary line on stdout, e.g. {@code 3000 endpoints: 2970 ok, 30 failed}. */
  private static final Pattern SUMMARY =
      Pattern.compile("(?<endpoints>\\d+) endpoints: \\d+ ok, (?<failed>\\d+) failed, .*");

  @TempDir Path dir;

  @Test
  void pipedStderrGetsWholeProgressLinesUpToTheTotal() throws Exception {
    int port = LauncherIT.freePort();
    // Thousands of slow endpoints, a few of them missing (404: failed in the fetch stage).
    Path job =
        Files.writeString(
            dir.resolve("many.yaml"),
            String.join(
                "\n",
                "source:",
                "  range: {count: 3000, url: \"http://127.0.0.1:" + port + "/api/ep{i}\"}",
                "http: {concurrency: 100}",
                "output: {path: out}",
                "demo: {port: " + port + ", latency: 20ms..60ms, faults: {notFound: 0.01}}",
                ""));

    Launcher.Run run = Launcher.run(dir, SHORT_INTERVAL, "run", job.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("\r", "\u001b");
    List<Matcher> lines = progressLines(run.err());
    assertThat(lines).as(run.err()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(lines).allSatisfy(line -> assertThat(line.group("total")).isEqualTo("3,000"));
    List<Long> done = lines.stream().map(line -> number(line.group("done"))).toList();
    assertThat(done).isSorted();
    assertThat(done).last().isEqualTo(3_000L);
  }

  @Test
  void theLastProgressLineAgreesWithTheSummaryAndStdoutHasOnlyTheSummary() throws Exception {
    int port = LauncherIT.freePort();
    Path job =
        Files.writeString(
            dir.resolve("some.yaml"),
            String.join(
                "\n",
                "source:",
                "  range: {count: 500, url: \"http://127.0.0.1:" + port + "/api/ep{i}\"}",
                "output: {path: out}",
                "demo: {port: " + port + ", latency: 5ms..10ms, faults: {notFound: 0.05}}",
                ""));

    Launcher.Run run = Launcher.run(dir, SHORT_INTERVAL, "run", job.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> out = run.out().lines().toList();
    assertThat(out).hasSize(3);
    assertThat(out.get(1)).startsWith("start-up: ");
    assertThat(out.get(2)).startsWith("output: ");
    Matcher summary = SUMMARY.matcher(out.get(0));
    assertThat(summary.matches()).as(out.get(0)).isTrue();
    List<Matcher> lines = progressLines(run.err());
    assertThat(lines).as(run.err()).isNotEmpty();
    Matcher last = lines.get(lines.size() - 1);
    assertThat(number(last.group("done"))).isEqualTo(500);
    assertThat(number(last.group("failed")))
        .isEqualTo(Long.parseLong(summary.group("failed")))
        .isPositive();
  }

  @Test
  void anEndpointsFileShowsTheEndpointsDoneWithoutATotal() throws Exception {
    int port = LauncherIT.freePort();
    Path endpoints =
        Files.write(
            dir.resolve("endpoints.jsonl"),
            IntStream.range(0, 50)
                .mapToObj(
                    i ->
                        "{\"name\": \"ep"
                            + i
                            + "\", \"url\": \"http://127.0.0.1:"
                            + port
                            + "/api/ep"
                            + i
                            + "\"}")
                .collect(Collectors.toList()));
    Path job =
        Files.writeString(
            dir.resolve("file.yaml"),
            String.join(
                "\n",
                "source: {file: " + endpoints.getFileName() + "}",
                "output: {path: out}",
                "demo: {port: " + port + ", latency: 5ms}",
                ""));

    Launcher.Run run = Launcher.run(dir, SHORT_INTERVAL, "run", job.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Matcher> lines = progressLines(run.err());
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.group("total")).isNull());
    assertThat(lines.get(lines.size() - 1).group(0))
        .startsWith("tributary: 50 endpoints, 0 failed, ");
  }

  private static List<Matcher> progressLines(String err) {
    return err.lines().map(PROGRESS::matcher).filter(Matcher::matches).toList();
  }

  private static long number(String withSeparators) {
    return Long.parseLong(withSeparators.replace(",", ""));
  }
}
