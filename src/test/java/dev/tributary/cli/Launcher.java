package dev.tributary.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/tributary} started as a user starts it, in a folder of the test's. */
final class Launcher {
  static final Path SCRIPT = Path.of("bin", "tributary").toAbsolutePath();
  static final Duration DEADLINE = Duration.ofSeconds(120);

  /** How a finished launch ended. */
  record Run(int exitCode, String out, String err) {}

  /** A launch still running. */
  static final class Started {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Started(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    Process process() {
      return process;
    }

    /** Waits for the end, at most {@code deadline}; kills the launch and fails after it. */
    Run finish(Duration deadline) throws IOException, InterruptedException {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("bin/tributary did not finish in " + deadline.toSeconds() + " s");
      }
      return new Run(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    }
  }

  private Launcher() {}

  static Run run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, Map.of(), args);
  }

  static Run run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return start(dir, env, args).finish(DEADLINE);
  }

  static Started start(Path dir, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(dir, "stdout", ".txt");
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    return new Started(builder.start(), stdout, stderr);
  }
}
