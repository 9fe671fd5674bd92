package dev.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    FlinkCli.Result run =
        FlinkCli.run(
            Path.of("conf"),
            dir,
            Duration.ofSeconds(60),
            "run",
            ProjectPom.jobJar().toString(),
            "run",
            job.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output().strip().lines())
        .containsExactly(
            "tributary: "
                + job
                + ": http.concurency: unknown key (did you mean 'http.concurrency'?)");
  }
}
