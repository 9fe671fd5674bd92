package dev.tributary.job;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, never for a fixed time. */
final class Await {
  /** Long enough for a MiniCluster to start and deploy a job on a loaded 2-core machine. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private Await() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("timed out waiting until " + what);
      Thread.sleep(10);
    }
  }
}
