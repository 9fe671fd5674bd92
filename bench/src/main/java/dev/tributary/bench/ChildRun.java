package dev.tributary.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One measured child process: started with its output in files, sampled by a {@link ProcessSampler}
 * from start to exit, killed when it outlives its deadline.
 *
 * @param exitCode the process's exit code
 * @param launchEpochMillis wall clock just before the process was started
 * @param exitEpochMillis wall clock when its end was seen
 * @param samples CPU and memory of the process
 * @param stderr where its standard error went
 */
record ChildRun(
    int exitCode,
    long launchEpochMillis,
    long exitEpochMillis,
    ProcessSampler.Samples samples,
    Path stderr) {

  /**
   * Runs {@code command} in {@code dir} to its end, writing {@code stdout.txt}/{@code stderr.txt}.
   */
  static ChildRun run(
      String name, List<String> command, Map<String, String> env, Path dir, Duration deadline)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    long launch = System.currentTimeMillis();
    Process process = ChildProcesses.start(builder);
    ProcessSampler sampler = ProcessSampler.start(name, () -> treeOf(process));
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        ChildProcesses.stop(process);
        throw new IOException(
            name + " did not finish within " + deadline.toSeconds() + " s; killed (" + dir + ")");
      }
      long exit = System.currentTimeMillis();
      ChildProcesses.ended(process);
      return new ChildRun(process.exitValue(), launch, exit, sampler.stop(), stderr);
    } finally {
      sampler.close();
    }
  }

  /**
   * The child and what it started, the started ones first: {@code bin/tributary} runs its JVM as a
   * child of its own (to put the JVM's exit in words), and the JVM is what memory is read from.
   */
  private static List<Long> treeOf(Process process) {
    List<Long> pids = new ArrayList<>();
    process.descendants().forEach(p -> pids.add(p.pid()));
    pids.add(process.pid());
    return pids;
  }

  double processSeconds() {
    return (exitEpochMillis - launchEpochMillis) / 1000.0;
  }

  /** Fails with the end of the child's standard error unless it exited with 0. */
  ChildRun requireSuccess(String name) throws IOException {
    if (exitCode == 0) return this;
    String err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    String tail = err.length() > 2000 ? err.substring(err.length() - 2000) : err;
    throw new IOException(name + " exited with " + exitCode + " (" + stderr + "):\n" + tail);
  }
}
