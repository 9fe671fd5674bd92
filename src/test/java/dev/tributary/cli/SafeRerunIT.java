package dev.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.sink.FolderSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running a job through {@code bin/tributary}: a run killed with {@code kill -9} leaves the last
 * good output as it was, and the next run cleans up after it; an output folder that cannot be made
 * is a usage error found before Flink starts.
 */
class SafeRerunIT {
  private static final Path LAUNCHER = Path.of("bin", "tributary").toAbsolutePath();
  private static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
  private static final Duration STAGING_DEADLINE = Duration.ofSeconds(90);
  private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  @Test
  void aRunKilledWithKill9LeavesThePreviousOutputAndTheNextRunReplacesIt() throws Exception {
    Path out = dir.resolve("out");
    Path job =
        Files.writeString(
            dir.resolve("rerun.yaml"),
            String.join(
                "\n",
                "name: rerun",
                "source:",
                "  range: {count: 40, url: \"http://127.0.0.1:1/api/ep{i}\"}",
                "http: {concurrency: 8}",
                "output: {path: out}",
                "demo: {latency: 5ms..20ms, seed: 3, faults: {notFound: 0.1}}",
                ""));

    Run good = runToTheEnd(job, onFreePort());
    assertThat(good.exitCode()).as(good.err()).isEqualTo(0);
    Map<String, String> goodOutput = FolderSnapshot.of(out);
    assertThat(goodOutput).containsKeys("daily", "records", "dead-letter", "summary.json");
    assertThat(goodOutput.keySet()).anyMatch(path -> path.startsWith("dead-letter/"));

    // Slow enough to be caught mid-run: ~4 minutes of requests at 2-3 s each.
    Process slow =
        start(
            job,
            concat(
                onFreePort(),
                "--set",
                "source.range.count=1000",
                "--set",
                "demo.latency=2s..3s",
                "--set",
                "http.concurrency=10"));
    Path staging = out.resolve(".tributary/staging");
    try {
      awaitOrFail(
          "the slow run to write into " + staging,
          STAGING_DEADLINE,
          slow,
          () -> holdsAFile(staging));
    } finally {
      killProcessGroup(slow);
    }
    assertThat(FolderSnapshot.of(out)).isEqualTo(goodOutput);
    assertThat(staging).as("what the killed run left").exists();

    Run next = runToTheEnd(job, concat(onFreePort(), "--set", "demo.seed=4"));
    assertThat(next.exitCode()).as(next.err()).isEqualTo(0);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("endpoints").asInt()).isEqualTo(40);
    assertThat(FolderSnapshot.of(out)).isNotEqualTo(goodOutput);
    assertThat(out.resolve(".tributary")).doesNotExist();
  }

  @Test
  void anOutputPathThatCannotBeCreatedGivesOneLineAndExitCode2BeforeFlinkStarts() throws Exception {
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            "source:\n  range: {count: 3, url: \"http://127.0.0.1:1/x\"}\n"
                + "output: {path: /proc/tributary-test/out}\n");
    Path classLog = dir.resolve("classes.log");

    Run run =
        runToTheEnd(
            Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
            List.of("run", job.toString()));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith("tributary: " + job + ": output.path: /proc/tributary-test/out: cannot create ")
        .contains("/proc/tributary-test");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readAllLines(classLog, StandardCharsets.UTF_8))
        .anyMatch(line -> line.contains(" dev.tributary.cli.RunCommand "))
        .noneMatch(line -> line.contains(" org.apache.flink.runtime.minicluster.MiniCluster "));
  }

  /**
   * {@code --set} options that start this run's demo API on a free port and point the job at it.
   */
  private static List<String> onFreePort() throws IOException {
    int port = freePort();
    return List.of(
        "--set",
        "demo.port=" + port,
        "--set",
        "source.range.url=http://127.0.0.1:" + port + "/api/ep{i}");
  }

  private Run runToTheEnd(Path job, List<String> options) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", job.toString()));
    args.addAll(options);
    return runToTheEnd(Map.of(), args);
  }

  private Run runToTheEnd(Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(args);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/tributary did not finish in " + RUN_DEADLINE);
    }
    return new Run(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** Starts a run in a process group of its own, so that the whole group can be killed. */
  private Process start(Path job, List<String> options) throws IOException {
    List<String> command = new ArrayList<>(List.of("setsid", "bash", LAUNCHER.toString()));
    command.addAll(List.of("run", job.toString()));
    command.addAll(options);
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("killed-stdout.txt").toFile())
        .redirectError(dir.resolve("killed-stderr.txt").toFile())
        .start();
  }

  /** {@code kill -9} of the run's whole process group, then waits until every process is gone. */
  private static void killProcessGroup(Process process) throws Exception {
    long group = processGroupOf(process.pid());
    assertThat(group).as("setsid made the run a process group of its own").isEqualTo(process.pid());
    List<ProcessHandle> members = new ArrayList<>(process.descendants().toList());
    members.add(process.toHandle());
    Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + group).inheritIO().start();
    assertThat(kill.waitFor(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isEqualTo(0);
    await(
        "every process of the killed run to end",
        EXIT_DEADLINE,
        () -> members.stream().noneMatch(ProcessHandle::isAlive));
  }

  /** Field 5 of /proc/PID/stat, after the command name in parentheses. */
  private static long processGroupOf(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[2]);
  }

  /** Waits for the condition; fails early with the run's error output if the run ends first. */
  private void awaitOrFail(String what, Duration deadline, Process run, BooleanSupplier condition)
      throws Exception {
    await(
        what,
        deadline,
        () -> {
          if (condition.getAsBoolean()) return true;
          if (!run.isAlive()) throw new AssertionError("the run ended first: " + errorsOfKilled());
          return false;
        });
  }

  private String errorsOfKilled() {
    try {
      return Files.readString(dir.resolve("killed-stderr.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void await(String what, Duration deadline, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("waited " + deadline + " for " + what);
      Thread.sleep(50);
    }
  }

  /** Whether there is a file anywhere under {@code folder} (a part file being written). */
  private static boolean holdsAFile(Path folder) {
    if (!Files.isDirectory(folder)) return false;
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.anyMatch(Files::isRegularFile);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // the folder changed under the walk; look again
    }
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
