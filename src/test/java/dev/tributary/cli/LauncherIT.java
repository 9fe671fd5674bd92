package dev.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tributary} as a user runs it, after {@code mvn package} built the jar (a Failsafe
 * integration test, so the jar it runs is the one just built).
 */
class LauncherIT {
  @TempDir Path dir;

  @Test
  void aBrokenJobFileGivesOneLineAndExitCode2() throws Exception {
    Path job =
        Files.writeString(
            dir.resolve("broken.yaml"),
            "source:\n  range: {count: 3, url: \"http://127.0.0.1:1/x\"}\nhttp:\n  concurency: 5\n");

    Launcher.Run run = launch("run", job.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines())
        .containsExactly(
            "tributary: "
                + job
                + ": http.concurency: unknown key (did you mean 'http.concurrency'?)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingJobFileGivesOneLineAndExitCode2() throws Exception {
    Launcher.Run run = launch("run", dir.resolve("nope.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .contains("nope.yaml")
        .contains("cannot read");
  }

  @Test
  void aBadOverrideGivesOneLineAndExitCode2() throws Exception {
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            "source:\n  range: {count: 3, url: \"http://127.0.0.1:1/x\"}\n");

    Launcher.Run run = launch("run", job.toString(), "--set", "http.concurrency=0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .contains("http.concurrency")
        .contains("at least 1");
  }

  @Test
  void runsAJobWithItsDemoApiAndWritesTheSummary() throws Exception {
    int port = freePort();
    Path out = dir.resolve("out");
    Path job =
        Files.writeString(
            dir.resolve("small.yaml"),
            String.join(
                "\n",
                "name: small",
                "source:",
                "  range: {count: 40, url: \"http://127.0.0.1:" + port + "/api/ep{i}\"}",
                "http: {concurrency: 8}",
                "demo: {port: " + port + ", latency: 5ms..20ms, seed: 3}",
                ""));

    Path classLog = dir.resolve("classes.log");
    Launcher.Run run =
        launch(
            Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
            "run",
            job.toString(),
            "--set",
            "output.path=" + out);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .containsPattern(
            "40 endpoints: 40 ok, 0 failed, 0 retries; \\d+ records kept, \\d+ dropped; [0-9.]+ s \\(\\d+ req/s\\)");
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("endpoints").asInt()).isEqualTo(40);
    assertThat(summary.get("success").asInt()).isEqualTo(40);
    assertThat(run.err()).doesNotContain("Exception");
    // Flink's RPC system comes from the class path (or the class-data-sharing archive made from
    // it), not from the copy Flink's own loader would write to a temporary file at every start.
    assertThat(Files.readAllLines(classLog, StandardCharsets.UTF_8))
        .filteredOn(line -> line.contains(" org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem "))
        .singleElement()
        .asString()
        .containsAnyOf("source: shared objects file", "target/flink-rpc/flink-rpc-akka.jar");
  }

  private Launcher.Run launch(String... args) throws IOException, InterruptedException {
    return Launcher.run(dir, args);
  }

  private Launcher.Run launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return Launcher.run(dir, env, args);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
