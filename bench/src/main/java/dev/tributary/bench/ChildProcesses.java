package dev.tributary.bench;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the benchmark starts (servers, Tributary runs, clients), so that none outlives it:
 * a JVM shutdown hook (Ctrl-C included) kills whatever is still running, children's children first.
 */
final class ChildProcesses {
  private static final long STOP_WAIT_MILLIS = 5_000;
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ChildProcesses::stopAll, "bench-stop-children"));
  }

  private ChildProcesses() {}

  /** Starts a process and remembers it until {@link #stop(Process)}. */
  static Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    RUNNING.add(process);
    return process;
  }

  /** Forgets a process that ended by itself. */
  static void ended(Process process) {
    RUNNING.remove(process);
  }

  /** Asks a process (and its descendants) to end, then kills what is left after 5 s. */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }

  private static void stopAll() {
    for (Process process : RUNNING) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
