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

    /** What the launch has printed on stdout so far. */
    String outSoFar() throws IOException {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** What the launch has printed on stderr so far. */
    String errSoFar() throws IOException {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code signal} ({@code KILL}, {@code TERM}) to the launch's whole process group, as a
     * terminal does; needs a launch from {@link #startInOwnGroup}.
     */
    void signalGroup(String signal) throws IOException, InterruptedException {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start();
      if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " of process group " + process.pid());
      }
    }

    /**
     * {@code kill -9} of the launch's whole process group (from {@link #startInOwnGroup}), then
     * waits until every process of it has ended.
     */
    void killGroupAndWait(Duration deadline) throws Exception {
      List<ProcessHandle> members = new ArrayList<>(process.descendants().toList());
      members.add(process.toHandle());
      signalGroup("KILL");
      long end = System.nanoTime() + deadline.toNanos();
      while (members.stream().anyMatch(ProcessHandle::isAlive)) {
        if (System.nanoTime() > end) {
          throw new AssertionError("processes of the killed run still alive after " + deadline);
        }
        Thread.sleep(50);
      }
    }

    /** Sends {@code signal} to {@code bin/tributary} alone, as a service manager does. */
    void signal(String signal) throws IOException, InterruptedException {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .inheritIO()
              .start();
      if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " " + process.pid());
      }
    }

    /**
     * Waits until {@code condition} holds; fails with the launch's stderr when it ends first or the
     * deadline passes.
     */
    void await(String what, Duration deadline, Condition condition) throws Exception {
      long end = System.nanoTime() + deadline.toNanos();
      while (!condition.holds()) {
        if (!process.isAlive()) {
          throw new AssertionError("the run ended before " + what + ": " + errSoFar());
        }
        if (System.nanoTime() > end) {
          throw new AssertionError("waited " + deadline + " for " + what + ": " + errSoFar());
        }
        Thread.sleep(50);
      }
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

  /** A condition a test waits for. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
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
    return start(List.of("bash", SCRIPT.toString()), dir, env, args);
  }

  /**
   * Starts a launch in a process group of its own (as a shell starts a command), so that {@link
   * Started#signalGroup} reaches all of it.
   */
  static Started startInOwnGroup(Path dir, String... args) throws IOException {
    return start(List.of("setsid", "bash", SCRIPT.toString()), dir, Map.of(), args);
  }

  private static Started start(
      List<String> launch, Path dir, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(launch);
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
