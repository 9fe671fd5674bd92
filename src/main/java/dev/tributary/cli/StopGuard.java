package dev.tributary.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Makes a local run end when the JVM is asked to (Ctrl-C, SIGTERM, or the run's own exit): says so
 * when the run had not finished, and halts the JVM if shutting down takes longer than {@link
 * #HALT_AFTER}, so that no stuck thread can keep the process alive.
 */
final class StopGuard implements AutoCloseable {
  static final Duration HALT_AFTER = Duration.ofSeconds(10);

  /** The exit status of a JVM that had to be halted: 128 + SIGTERM, as a shell reports it. */
  private static final int HALTED_STATUS = 143;

  private volatile boolean finished;

  private StopGuard() {}

  /**
   * @param err where to say that the run was stopped
   * @param stoppedMessage what to say when the JVM is stopped before {@link #close()}
   */
  static StopGuard install(PrintStream err, String stoppedMessage) {
    StopGuard guard = new StopGuard();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!guard.finished) err.println(stoppedMessage);
                  guard.haltIfShutdownHangs();
                },
                "tributary-stop-guard"));
    return guard;
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
              Runtime.getRuntime().halt(HALTED_STATUS);
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
