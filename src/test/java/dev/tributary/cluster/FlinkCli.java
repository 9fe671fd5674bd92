package dev.tributary.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Flink's command-line client ({@code flink ...}) as a process, on Flink's jars from Maven. */
final class FlinkCli {
  /** How one call ended. */
  record Result(int exitCode, String output) {}

  private FlinkCli() {}

  /**
   * Runs {@code flink <args>} with the configuration folder {@code confDir} (where it finds the
   * cluster's REST address), stdout and stderr together.
   */
  static Result run(Path confDir, Path workDir, Duration deadline, String... args)
      throws IOException, InterruptedException {
    String flinkJars =
        Files.readString(Path.of("target", "provided-classpath.txt"), StandardCharsets.UTF_8)
            .strip();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As flink-dist's scripts start it: without it the client cannot run a jar's main.
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-cp",
                flinkJars,
                "org.apache.flink.client.cli.CliFrontend"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "flink-cli", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("FLINK_CONF_DIR", confDir.toAbsolutePath().toString());
    Process process = builder.start();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("flink " + String.join(" ", args) + " did not end in " + deadline);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
