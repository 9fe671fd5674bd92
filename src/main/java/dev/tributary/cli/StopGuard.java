package dev.tributary.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Makes a local run end when the JVM is asked to (Ctrl-C, SIGTERM, or the run's own exit): says so
 * when the run had not finished, and halts the JVM if shutting down takes longer than {@link
 * #HALT_AFTER}, so that no stuck thread can keep the process alive.
 */
final class StopGuard implements AutoCloseable {
  static final Duration HALT_AFTER = Duration.ofSeconds(10);

  private volatile boolean finished;
  private volatile boolean stopping;

  private StopGuard() {}

  /**
   * @param err where to say that the run was stopped
   * @param stop what to do when the JVM is stopped before {@link #close()} (within {@link
   *     #HALT_AFTER}), returning what to say about it
   */
  static StopGuard install(PrintStream err, Supplier<String> stop) {
    StopGuard guard = new StopGuard();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  guard.haltIfShutdownHangs();
                  if (!guard.finished) {
                    guard.stopping = true;
                    err.println(stop.get());
                  }
                },
                "tributary-stop-guard"));
    return guard;
  }

  /** Whether the run is being stopped from outside: its end is not the job's own. */
  boolean stopping() {
    return stopping;
  }

  private void haltIfShutdownHangs() {
    // A daemon thread: a shutdown that completes in time is not held up by it.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(HALT_AFTER.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(Main.EXIT_STOPPED);
            },
            "tributary-halt-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The run has finished: an exit from here on is its own, not a stop. */
  @Override
  public void close() {
    finished = true;
  }
}
