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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running a job through {@code bin/tributary}: a run killed with {@code kill -9} leaves the last
 * good output as it was, and the next run cleans up after it; an output folder that cannot be made
 * is a usage error found before Flink starts.
 */
class SafeRerunIT {
  private static final Duration STAGING_DEADLINE = Duration.ofSeconds(90);
  private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dir;

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

    Launcher.Run good = Launcher.run(dir, args(job, onFreePort()));
    assertThat(good.exitCode()).as(good.err()).isEqualTo(0);
    Map<String, String> goodOutput = FolderSnapshot.of(out);
    assertThat(goodOutput).containsKeys("daily", "records", "dead-letter", "summary.json");
    assertThat(goodOutput.keySet()).anyMatch(path -> path.startsWith("dead-letter/"));

    // Slow enough to be caught mid-run: ~4 minutes of requests at 2-3 s each.
    Launcher.Started slow =
        Launcher.startInOwnGroup(
            dir,
            args(
                job,
                concat(
                    onFreePort(),
                    "--set",
                    "source.range.count=1000",
                    "--set",
                    "demo.latency=2s..3s",
                    "--set",
                    "http.concurrency=10")));
    Path staging = out.resolve(".tributary/staging");
    try {
      slow.await(
          "the slow run to write into " + staging, STAGING_DEADLINE, () -> holdsAFile(staging));
    } finally {
      slow.killGroupAndWait(EXIT_DEADLINE);
    }
    assertThat(FolderSnapshot.of(out)).isEqualTo(goodOutput);
    assertThat(staging).as("what the killed run left").exists();

    Launcher.Run next = Launcher.run(dir, args(job, concat(onFreePort(), "--set", "demo.seed=4")));
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

    Launcher.Run run =
        Launcher.run(
            dir,
            Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
            "run",
            job.toString());

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

  private static String[] args(Path job, List<String> options) {
    List<String> args = new ArrayList<>(List.of("run", job.toString()));
    args.addAll(options);
    return args.toArray(String[]::new);
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
