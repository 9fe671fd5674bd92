package dev.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/tributary bench} end to end in its smallest mode (hidden {@code --smoke}: N = 10 and
 * one Tributary limit for latency, 2,000 requests for throughput, two rounds of 100 endpoints at
 * one limit for the warm rounds, one repetition), on the job jar and the bench's jar that {@code
 * package} just built. Works with or without nginx and aiohttp. It writes to {@code
 * bench/target/bench-it/} so that a full run's results in {@code target/bench/} survive {@code mvn
 * verify}.
 */
class BenchSmokeIT {
  private static final Project PROJECT = Project.ofRunningCode();
  private static final Path OUT = Path.of("target", "bench-it").toAbsolutePath();
  private static final long DEADLINE_SECONDS = 240;

  @Test
  void aSmokeRunPrintsEveryTableAndSavesResultsAndCharts() throws Exception {
    // Under Surefire (e.g. -Dtest='dev.tributary.bench.**') before a package, the launcher would
    // start a nested Maven build of the bench: this test belongs after package, as Failsafe runs
    // it.
    assumeTrue(
        Files.isRegularFile(PROJECT.benchJar()),
        "needs " + PROJECT.benchJar() + ": runs after package");
    Path stdout = Files.createDirectories(OUT.getParent()).resolve("bench-it-stdout.txt");
    Path stderr = OUT.getParent().resolve("bench-it-stderr.txt");
    Process process =
        new ProcessBuilder(
                "bash", PROJECT.launcher().toString(), "bench", "--smoke", "--out", OUT.toString())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("bench --smoke did not finish in " + DEADLINE_SECONDS + " s");
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(err).isZero();
    assertThat(out)
        .contains("## Latency")
        .contains("## Throughput")
        .contains("## Start-up")
        .containsPattern("\\| +10 \\| sequential +\\| +1 \\|")
        .containsPattern("\\| +10 \\| pool +\\| +10 \\|")
        .containsPattern("\\| +10 \\| tributary +\\| +50 \\|")
        .containsPattern("\\| +2,000 \\| tributary[ *]+\\|")
        .containsPattern("\\| +2,000 \\| tributary, per-host limits +\\|")
        .containsPattern("\\| +2,000 \\| bare client +\\|")
        .contains("to the first request")
        .contains("## Speed while warm")
        .containsPattern("\\| +50 \\| 1 \\(cold\\) +\\|")
        .containsPattern("\\| +50 \\| 2 +\\|");
    for (String file :
        List.of(
            "results.json",
            "latency.csv",
            "throughput.csv",
            "startup.csv",
            "warm.csv",
            "tables.md",
            "latency.png",
            "throughput.png",
            "README-section.md")) {
      assertThat(OUT.resolve(file)).as(file).isNotEmptyFile();
    }
    assertThat(Files.readAllLines(OUT.resolve("throughput.csv"))).hasSizeGreaterThanOrEqualTo(3);
    // Its servers and clients are gone with it (their command lines name the output folder; a
    // Tributary JVM's names it after its 4 KB class path, hence the whole line from /proc).
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> ProcStat.readCommandLine(p.pid()).contains(OUT.toString()))
                .map(p -> p.pid() + " " + ProcStat.readCommandLine(p.pid())))
        .isEmpty();
  }
}
