package dev.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar under Flink's own command-line client ({@code flink run}), which runs the jar's
 * {@code main} on the client's machine: a broken job file is refused there, before any cluster is
 * asked for anything.
 */
class FlinkRunIT {
  @TempDir Path dir;

  @Test
  void aBrokenJobFileGivesOneLineAndExitCode2() throws Exception {
    Path job =
        Files.writeString(
            dir.resolve("broken.yaml"),
            "source:\n  range: {count: 3, url: \"http://127.0.0.1:1/x{i}\"}\nhttp: {concurency: 5}\n");
    String flinkJars =
        Files.readString(Path.of("target", "provided-classpath.txt"), StandardCharsets.UTF_8)
            .strip();
    Path out = dir.resolve("out.txt");
    ProcessBuilder flinkRun =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "-cp",
                    flinkJars,
                    "org.apache.flink.client.cli.CliFrontend",
                    "run",
                    ProjectPom.jobJar().toString(),
                    "run",
                    job.toString()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    flinkRun.environment().put("FLINK_CONF_DIR", Path.of("conf").toAbsolutePath().toString());

    Process process = flinkRun.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("flink run did not end within 60 s");
    }

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(out).strip().lines())
        .containsExactly(
            "tributary: "
                + job
                + ": http.concurency: unknown key (did you mean 'http.concurrency'?)");
  }
}
